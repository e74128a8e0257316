"""Consent per purpose (PDP Law 91/2025/QH15, Art. 9 and 12): a log, newest row wins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentRecord(models.Model):
    """One giving or withdrawal of consent for one purpose: what text, when, how."""

    class Method(models.TextChoices):
        FORM = "form", _("Ticked on the consents page")
        PROMPT = "prompt", _("Agreed to the browser's prompt")
        WITHDRAWAL = "withdrawal", _("Withdrawn on the consents page")
        RESTRICTION = "restriction", _("Withdrawn by a restriction request")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    purpose = models.CharField(_("Purpose"), max_length=40, db_index=True)
    granted = models.BooleanField(_("Granted"))
    text_version = models.CharField(_("Text version"), max_length=20)
    method = models.CharField(_("How"), max_length=12, choices=Method.choices)
    at = models.DateTimeField(_("At"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("Consent record")
        verbose_name_plural = _("Consent records")
        indexes = [
            models.Index(fields=["user", "purpose", "-at"], name="compliance_consent_latest")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {'+' if self.granted else '-'}"


class SignedInScan(models.Model):
    """A scan of a printed code made by a signed-in user: theirs to see, export and erase."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_scans"
    )
    scan = models.OneToOneField(
        "traceability.Scan", on_delete=models.CASCADE, related_name="signed_in"
    )

    class Meta:
        verbose_name = _("Scan by a signed-in user")
        verbose_name_plural = _("Scans by signed-in users")

    def __str__(self) -> str:
        return f"{self.user_id} {self.scan_id}"
