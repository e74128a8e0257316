"""OCOP certificates that are about to expire: who sees them, and the reminder e-mail."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from oscar.core.loading import get_model

from lib.urls import absolute_url

from .models import certified_rating_q, today
from .rating_rules import current_rules

logger = logging.getLogger(__name__)

OcopRating = get_model("catalogue", "OcopRating")


def expiring_ratings(on: datetime.date | None = None, days: int | None = None) -> QuerySet:
    """Certified ratings whose certificate expires within `days` (the rules' reminder window)."""
    on = on or today()
    days = current_rules().reminder_days if days is None else days
    return (
        OcopRating.objects.filter(
            certified_rating_q(on), expires_on__lte=on + datetime.timedelta(days=days)
        )
        .select_related("product", "product__producer")
        .order_by("expires_on", "product__title")
    )


def expiring_for_user(user, on: datetime.date | None = None) -> QuerySet:
    """What a user may see: staff every cooperative's certificates, a cooperative's users their own."""
    ratings = expiring_ratings(on)
    if user.is_staff:
        return ratings
    return ratings.filter(
        Q(product__producer__partner__users=user) | Q(product__stockrecords__partner__users=user)
    ).distinct()


def recipients(rating) -> list[str]:
    """The cooperative's contact address and its shop users' addresses."""
    product = rating.product
    emails = set()
    producer = product.producer
    if producer and producer.email:
        emails.add(producer.email)
    partner_ids = set(product.stockrecords.values_list("partner_id", flat=True))
    if producer and producer.partner_id:
        partner_ids.add(producer.partner_id)
    Partner = get_model("partner", "Partner")
    for partner in Partner.objects.filter(pk__in=partner_ids).prefetch_related("users"):
        emails.update(u.email for u in partner.users.all() if u.email and u.is_active)
    return sorted(emails)


def send_expiry_reminders(on: datetime.date | None = None) -> int:
    """E-mail each cooperative about certificates expiring soon, once per certificate; returns how many."""
    on = on or today()
    sent = 0
    due = expiring_ratings(on).filter(
        Q(reminded_for_expiry__isnull=True) | ~Q(reminded_for_expiry=F("expires_on"))
    )
    for rating_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            rating = (
                OcopRating.objects.select_for_update(of=("self",))
                .select_related("product", "product__producer")
                .get(pk=rating_id)
            )
            if rating.reminded_for_expiry == rating.expires_on:
                continue  # another worker sent it meanwhile
            to = recipients(rating)
            if not to:
                logger.warning(
                    "no address to remind about OCOP certificate of product %s", rating.product_id
                )
                continue
            with override(settings.LANGUAGE_CODE):
                context = {
                    "rating": rating,
                    "product": rating.product,
                    "days": rating.days_to_expiry(on),
                    "expiring_url": absolute_url(reverse("ocop:expiring")),
                }
                subject = render_to_string(
                    "catalogue/emails/expiry_reminder_subject.txt", context
                ).strip()
                body = render_to_string("catalogue/emails/expiry_reminder_body.txt", context)
            send_mail(subject, body, None, to)
            rating.reminded_for_expiry = rating.expires_on
            rating.reminded_at = timezone.now()
            rating.save(update_fields=["reminded_for_expiry", "reminded_at"])
            sent += 1
    return sent
