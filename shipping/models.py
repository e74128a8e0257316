"""What each cooperative charges to ship its part of a basket."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CooperativeShipping(models.Model):
    """A cooperative's flat shipping rate, free above a threshold; set by alliance staff."""

    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="shipping_settings",
        verbose_name=_("Cooperative"),
    )
    flat_rate = models.DecimalField(
        _("Flat rate"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)]
    )
    free_above = models.DecimalField(
        _("Free shipping from"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Goods subtotal from which shipping is free; empty: never free."),
    )

    class Meta:
        verbose_name = _("Cooperative shipping")
        verbose_name_plural = _("Cooperative shipping")

    def __str__(self) -> str:
        return str(self.partner)

    @classmethod
    def defaults(cls) -> tuple[Decimal, Decimal | None]:
        free = settings.OCOP_DEFAULT_FREE_SHIPPING_ABOVE
        return Decimal(settings.OCOP_DEFAULT_SHIPPING_RATE), (Decimal(free) if free else None)

    def charge_for(self, subtotal: Decimal) -> Decimal:
        if self.free_above is not None and subtotal >= self.free_above:
            return Decimal(0)
        return self.flat_rate


from oscar.apps.shipping.models import *  # noqa: E402, F403
