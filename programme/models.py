"""The monthly sales summary the dashboard reads instead of every order line."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SalesMonth(models.Model):
    """Order lines whose money stayed (the order neither cancelled nor refunded), summed per
    month of placement (local time) × the cooperative's province × the product's sector ×
    cooperative. Kept up to date by `programme.sales_summary` on every placement and status
    change; `manage.py rebuild_sales_summary` (and the nightly task) recounts it from the lines."""

    month = models.DateField(_("Month"))
    province_code = models.CharField(_("Province or city"), max_length=2, blank=True)
    sector = models.CharField(_("Sector"), max_length=1, blank=True)
    # The order line's partner (0: none); not a foreign key, so a summary row never blocks
    # deleting a partner and the rebuild stays a plain INSERT.
    partner_pk = models.PositiveIntegerField(_("Cooperative"), default=0)
    partner_name = models.CharField(_("Cooperative name"), max_length=128, blank=True)
    lines = models.IntegerField(_("Order lines"), default=0)
    quantity = models.BigIntegerField(_("Quantity"), default=0)
    gmv = models.BigIntegerField(_("GMV (VND)"), default=0)

    class Meta:
        verbose_name = _("monthly sales summary")
        verbose_name_plural = _("monthly sales summary")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "province_code", "sector", "partner_pk"],
                name="programme_salesmonth_key",
            )
        ]
        indexes = [
            models.Index(fields=["month", "province_code"], name="programme_sales_month_prov")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.province_code} {self.sector} {self.partner_name}"
