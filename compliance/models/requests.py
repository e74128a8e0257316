"""Data-subject requests (PDP Law 91/2025/QH15, Art. 4: see, correct, delete, restrict, obtain
one's data; Decree 356/2025/NĐ-CP: answered within 2 working days)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DETAILS_MAX_LENGTH = 2000


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """`start` plus `days` working days (Monday to Friday; public holidays are not counted)."""
    moment = start
    while days > 0:
        moment += datetime.timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


class DataRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            status__in=[DataRequest.Status.RECEIVED, DataRequest.Status.ACKNOWLEDGED]
        )

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())


class DataRequest(models.Model):
    """A user's request about their personal data, tracked to its deadline."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("A copy of my data")
        CORRECTION = "correction", _("Correct my data")
        DELETION = "deletion", _("Delete my data")
        RESTRICTION = "restriction", _("Restrict processing of my data")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="data_requests",
    )
    kind = models.CharField(_("Request"), max_length=12, choices=Kind.choices)
    details = models.TextField(_("Details"), max_length=DETAILS_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("Received at"), default=timezone.now)
    acknowledge_by = models.DateTimeField(_("Acknowledge by"))
    acknowledged_at = models.DateTimeField(_("Acknowledged at"), null=True, blank=True)
    due_at = models.DateTimeField(_("Carry out by"))
    done_at = models.DateTimeField(_("Done at"), null=True, blank=True)
    answer = models.TextField(_("Answer"), blank=True)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("Data-subject request")
        verbose_name_plural = _("Data-subject requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def save(self, *args, **kwargs):
        if not self.acknowledge_by:
            self.acknowledge_by = add_working_days(
                self.received_at, settings.COMPLIANCE_REQUEST_ACK_WORKING_DAYS
            )
        if not self.due_at:
            self.due_at = self.received_at + datetime.timedelta(
                days=settings.COMPLIANCE_REQUEST_FULFIL_DAYS
            )
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.ACKNOWLEDGED) and (
            self.due_at < timezone.now()
        )
