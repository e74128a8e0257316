"""Requests about one's data: acknowledged at once, tracked to their deadline (Decree 356/2025)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.urls import absolute_url

from . import consent, personal_data
from .models import DataRequest


def _acknowledge(found: DataRequest) -> None:
    found.acknowledged_at = timezone.now()
    found.status = DataRequest.Status.ACKNOWLEDGED
    found.save(update_fields=["acknowledged_at", "status"])
    if found.user.email:
        body = _(
            "We received your request (%(kind)s) on %(received)s. We will carry it out by "
            "%(due)s.\n\n%(link)s"
        ) % {
            "kind": found.get_kind_display(),
            "received": timezone.localtime(found.received_at).strftime("%d/%m/%Y %H:%M"),
            "due": timezone.localtime(found.due_at).strftime("%d/%m/%Y"),
            "link": absolute_url(reverse("compliance:request", args=[found.pk])),
        }
        send_mail(
            _("Your request about your personal data"),
            body,
            None,
            [found.user.email],
            fail_silently=True,
        )


def _done(found: DataRequest, answer: str = "") -> None:
    found.status = DataRequest.Status.DONE
    found.done_at = timezone.now()
    found.answer = answer
    found.save(update_fields=["status", "done_at", "answer"])


@transaction.atomic
def receive(user, kind: str, details: str = "") -> DataRequest:
    """Record and acknowledge the request; a restriction or a deletion is carried out at once."""
    found = DataRequest.objects.create(user=user, kind=kind, details=details)
    _acknowledge(found)
    if kind == DataRequest.Kind.RESTRICTION:
        consent.withdraw_all(user)
        _done(found, _("Every optional processing (marketing, analytics, location) is stopped."))
    elif kind == DataRequest.Kind.DELETION:
        _done(found)
        personal_data.erase(user)
    return found


def record_export(user) -> DataRequest:
    found = DataRequest.objects.create(
        user=user, kind=DataRequest.Kind.EXPORT, acknowledged_at=timezone.now()
    )
    _done(found)
    return found
