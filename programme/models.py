"""The monthly sales summary the dashboard reads instead of every order line."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SalesMonth(models.Model):
    """Order lines whose money stayed (the order neither cancelled nor refunded), summed per
    month of placement (local time) × the cooperative's province × the product's sector ×
    cooperative. Kept up to date by `programme.sales_summary` on every placement and status
    change; `manage.py rebuild_summaries` (and the nightly task) recounts it from the lines."""

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


class ProductCertification(models.Model):
    """A catalogue OCOP rating or a council's certificate as the dashboard counts it, with what
    the filters and breakdowns need copied in: the product's sector (its first category), the
    producer's province and legal form. Dates are stored as they are, so whether a rating is
    in force, expiring or expired is decided in the query for the day asked. Kept up to date by
    `programme.certification_summary` (one product's or producer's rows recomputed on every
    change) and recounted nightly."""

    class Source(models.TextChoices):
        RATING = "rating", _("OCOP rating")
        CERTIFICATE = "certificate", _("OCOP certificate")

    source = models.CharField(_("Source"), max_length=11, choices=Source.choices)
    # The rating's or certificate's id; plain numbers, like `SalesMonth.partner_pk`, so the
    # summary never blocks a delete and the rebuild stays a plain INSERT.
    source_pk = models.BigIntegerField(_("Rating or certificate"))
    product_pk = models.BigIntegerField(_("Product"), null=True, blank=True)
    producer_pk = models.BigIntegerField(_("Producer"), null=True, blank=True)
    province_code = models.CharField(_("Province or city"), max_length=2, blank=True)
    sector = models.CharField(_("Sector"), max_length=1, blank=True)
    legal_form = models.CharField(_("Legal form"), max_length=20, blank=True)
    stars = models.PositiveSmallIntegerField(_("Stars"))
    issued_on = models.DateField(_("Issue date"), null=True, blank=True)
    expires_on = models.DateField(_("Expiry date"), null=True, blank=True)
    revoked = models.BooleanField(_("Revoked"), default=False)
    revoked_on = models.DateField(_("Revoked on"), null=True, blank=True)
    # A certificate's: the issue date of the same product's next certificate (renewed then).
    next_issued_on = models.DateField(_("Next certificate issued on"), null=True, blank=True)

    class Meta:
        verbose_name = _("certified products summary")
        verbose_name_plural = _("certified products summary")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_pk"], name="programme_certification_key"
            )
        ]
        indexes = [
            models.Index(fields=["source", "province_code"], name="programme_cert_province"),
            models.Index(fields=["source", "sector"], name="programme_cert_sector"),
            models.Index(fields=["product_pk"], name="programme_cert_product"),
            models.Index(fields=["producer_pk"], name="programme_cert_producer"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.source_pk}: {self.stars}★ {self.province_code} {self.sector}"
