"""Renewal invitations 120, 60 and 30 days before a certificate expires (once per threshold)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .council import council_rules
from .models import Certificate, Reminder, State
from .notify import renewal_email

ACTIVE_RENEWAL = [State.WITHDRAWN, State.NOT_CERTIFIED]


def send_renewal_reminders(on: datetime.date | None = None) -> int:
    """Invite each holder whose certificate crosses a threshold; returns how many e-mails."""
    on = on or timezone.localdate()
    thresholds = sorted(council_rules()["renewal_reminder_days"])
    horizon = on + datetime.timedelta(days=max(thresholds))
    due = (
        Certificate.objects.current(on)
        .filter(expires_on__lte=horizon)
        .select_related("producer", "producer__partner")
        .prefetch_related("reminders")
    )
    sent = 0
    for certificate in due:
        if certificate.renewals.exclude(state__in=ACTIVE_RENEWAL).exists():
            continue  # a renewal is under way
        days = (certificate.expires_on - on).days
        crossed = [t for t in thresholds if days <= t]
        done = {r.days_before for r in certificate.reminders.all()}
        if not crossed or min(crossed) in done:
            continue
        try:
            with transaction.atomic():
                for threshold in crossed:
                    if threshold not in done:
                        Reminder.objects.create(certificate=certificate, days_before=threshold)
        except IntegrityError:
            continue  # another worker sent it meanwhile
        if renewal_email(certificate, days):
            sent += 1
    return sent
