"""E-mails to the cooperative: each move of its dossier, a revocation, renewal invitations.

Sent after the transaction commits, in the site's language (Vietnamese), to the producer's
address and its active users; links are built on SITE_BASE_URL.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from lib.urls import absolute_url

from .models import Certificate, Event

logger = logging.getLogger(__name__)


def recipients(producer) -> list[str]:
    emails = {producer.email} if producer.email else set()
    if producer.partner_id:
        emails.update(u.email for u in producer.partner.users.all() if u.email and u.is_active)
    return sorted(emails)


def _send(template: str, context: dict, producer) -> bool:
    to = recipients(producer)
    if not to:
        logger.warning("no address for producer %s", producer.pk)
        return False
    with override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"evaluation/emails/{template}_subject.txt", context)
        body = render_to_string(f"evaluation/emails/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, to)
    return True


def transition_email(event_id: int) -> None:
    event = Event.objects.select_related("dossier", "dossier__producer").get(pk=event_id)
    dossier = event.dossier
    context = {
        "event": event,
        "dossier": dossier,
        "url": absolute_url(dossier.get_absolute_url()),
    }
    if hasattr(dossier, "certificate"):
        context["certificate_url"] = absolute_url(dossier.certificate.get_absolute_url())
    _send("transition", context, dossier.producer)


def revocation_email(certificate_id: int) -> None:
    certificate = Certificate.objects.select_related("producer").get(pk=certificate_id)
    context = {"certificate": certificate, "url": absolute_url(certificate.get_absolute_url())}
    _send("revocation", context, certificate.producer)


def renewal_email(certificate: Certificate, days: int) -> bool:
    context = {
        "certificate": certificate,
        "days": days,
        "url": absolute_url(reverse("evaluation:renew", kwargs={"number": certificate.number})),
    }
    return _send("renewal", context, certificate.producer)
