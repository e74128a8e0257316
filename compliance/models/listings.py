"""Listings in review (E-commerce Law 122/2025/QH15: the platform checks listings before they are
shown and keeps listing data at least one year)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListingReview(models.Model):
    """Whether a cooperative's listing may be shown: pending until staff (or a rule) approve."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="listing_review"
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField(_("Submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("Reason"), blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("Listing review")
        verbose_name_plural = _("Listing reviews")

    def __str__(self) -> str:
        return f"{self.product_id} {self.status}"


class ListingRecord(models.Model):
    """A listing as it was when submitted, changed or deleted: kept for the retention period."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DELETED = "deleted", _("Deleted")

    product_id_kept = models.BigIntegerField(_("Product id"), db_index=True)
    producer_id_kept = models.BigIntegerField(_("Producer id"), null=True, blank=True)
    event = models.CharField(_("Event"), max_length=10, choices=Event.choices)
    snapshot = models.JSONField(_("Listing"), default=dict)
    at = models.DateTimeField(_("At"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("Listing record")
        verbose_name_plural = _("Listing records")

    def __str__(self) -> str:
        return f"{self.product_id_kept} {self.event}"


class TrustedSeller(models.Model):
    """A cooperative whose listings are approved by rule, without waiting for staff."""

    producer = models.OneToOneField(
        "producers.Producer", on_delete=models.CASCADE, related_name="trusted_seller"
    )
    since = models.DateTimeField(_("Since"), default=timezone.now)
    note = models.CharField(_("Why"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Trusted cooperative")
        verbose_name_plural = _("Trusted cooperatives")

    def __str__(self) -> str:
        return str(self.producer)
