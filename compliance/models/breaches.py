"""The breach register (PDP Law 91/2025/QH15 and Decree 356/2025/NĐ-CP: a breach is recorded
and notified to the Ministry of Public Security's data-protection authority within 72 hours)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Breach(models.Model):
    """A personal-data breach, what was done, and its notification to the authority."""

    discovered_at = models.DateTimeField(_("Discovered at"), default=timezone.now)
    occurred_at = models.DateTimeField(_("Occurred at (if known)"), null=True, blank=True)
    description = models.TextField(
        _("What happened"),
        help_text=_("The nature of the breach: what was exposed, changed or lost, and how."),
    )
    data_categories = models.TextField(
        _("Kinds of personal data"), help_text=_("e.g. names, phone numbers, addresses, orders.")
    )
    subjects = models.TextField(_("Whose data"), help_text=_("Buyers, cooperatives' staff, …"))
    subject_count = models.PositiveIntegerField(_("Number of people affected"), default=0)
    consequences = models.TextField(_("Likely consequences"), blank=True)
    actions = models.TextField(_("Actions taken or proposed"), blank=True)
    contact = models.CharField(
        _("Contact for the authority"),
        max_length=255,
        blank=True,
        help_text=_("The person in charge of data protection: name, phone, e-mail."),
    )
    notified_authority_at = models.DateTimeField(
        _("Notified to the authority at"), null=True, blank=True
    )
    notification_reference = models.CharField(
        _("Notification reference"), max_length=100, blank=True
    )
    late_reason = models.TextField(
        _("Reason for a late notification"),
        blank=True,
        help_text=_("Required when the authority is notified after the 72-hour deadline."),
    )
    subjects_informed_at = models.DateTimeField(_("People informed at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-discovered_at"]
        verbose_name = _("Personal-data breach")
        verbose_name_plural = _("Personal-data breaches")

    def __str__(self) -> str:
        return f"{self.discovered_at:%Y-%m-%d %H:%M} {self.description[:60]}"

    @property
    def notify_by(self) -> datetime.datetime:
        return self.discovered_at + datetime.timedelta(
            hours=settings.COMPLIANCE_BREACH_NOTIFY_HOURS
        )

    @property
    def notification_overdue(self) -> bool:
        return self.notified_authority_at is None and timezone.now() > self.notify_by

    def clean(self):
        from django.core.exceptions import ValidationError

        if (
            self.notified_authority_at
            and self.discovered_at
            and self.notified_authority_at > self.notify_by
            and not self.late_reason.strip()
        ):
            raise ValidationError(
                {"late_reason": _("Say why the authority was notified after 72 hours.")}
            )
