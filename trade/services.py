"""Every state change on the board, each in one function that checks, moves, e-mails and audits.

Views, the expiry task and the demo loader call these; nothing else writes a status.
Refusals raise `Refused` with a message for the user (translated).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import ratelimit

from . import emails, matching, screening
from .audit import audit
from .models import Block, Message, Organisation, Quote, Report, SourcingRequest
from .rules import rule

Status = SourcingRequest.Status


class Refused(Exception):  # noqa: N818 - reads as "services.Refused"
    """The action is not allowed now; `message` says why, in the user's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _move(rfq: SourcingRequest, to: str, *, by=None, **detail) -> None:
    if to not in SourcingRequest.TRANSITIONS[rfq.status]:
        raise Refused(_("This request can no longer be changed."))
    was, rfq.status = rfq.status, to
    rfq.save()
    audit(f"request.{to}", by, request=rfq, previous=was, **detail)


# ORGANISATIONS


def register_organisation(user, **fields) -> Organisation:
    with transaction.atomic():
        organisation = Organisation.objects.create(**fields)
        organisation.members.add(user)
        audit("organisation.registered", user, organisation=organisation)
    emails.organisation_registered(emails.staff_emails(), organisation=organisation)
    return organisation


def verify_organisation(organisation: Organisation, *, by) -> None:
    organisation.status = Organisation.Status.VERIFIED
    organisation.verified_at, organisation.verified_by = timezone.now(), by
    organisation.save()
    audit("organisation.verified", by, organisation=organisation)
    emails.organisation_verified(
        emails.organisation_emails(organisation), organisation=organisation
    )


def reject_organisation(organisation: Organisation, *, by, reason: str) -> None:
    organisation.status = Organisation.Status.REJECTED
    organisation.rejection_reason = reason
    organisation.save()
    audit("organisation.rejected", by, organisation=organisation, reason=reason)
    emails.organisation_rejected(
        emails.organisation_emails(organisation), organisation=organisation
    )


# REQUESTS


def needs_review(rfq: SourcingRequest) -> bool:
    """A buyer's first request, a flagged one, or one from an unverified buyer waits for staff."""
    if rfq.flagged or not rfq.organisation.is_verified:
        return True
    return not (
        SourcingRequest.objects.filter(organisation=rfq.organisation, opened_at__isnull=False)
        .exclude(pk=rfq.pk)
        .exists()
    )


def submit_request(rfq: SourcingRequest, *, by) -> None:
    if rfq.status != Status.DRAFT:
        raise Refused(_("Only a draft can be submitted."))
    if rfq.organisation.status in (Organisation.Status.REJECTED, Organisation.Status.SUSPENDED):
        raise Refused(_("Your organisation may not publish requests."))
    open_now = SourcingRequest.objects.filter(
        organisation=rfq.organisation, status__in=[Status.OPEN, Status.PENDING]
    ).count()
    if open_now >= rule("open_requests_per_organisation"):
        raise Refused(
            _("Your organisation already has %(n)s open or pending requests, the most allowed.")
            % {"n": open_now}
        )
    rfq.submitted_at = timezone.now()
    if needs_review(rfq):
        _move(rfq, Status.PENDING, by=by)
        emails.request_to_review(emails.staff_emails(), rfq=rfq)
        emails.request_submitted(emails.organisation_emails(rfq.organisation), rfq=rfq)
    else:
        open_request(rfq, by=by)


def approve_request(rfq: SourcingRequest, *, by) -> None:
    if not rfq.organisation.is_verified:
        raise Refused(_("Verify the buyer's organisation before publishing its request."))
    rfq.flagged = False
    open_request(rfq, by=by)


def return_request(rfq: SourcingRequest, *, by, note: str) -> None:
    rfq.review_note = note
    _move(rfq, Status.DRAFT, by=by, note=note)
    emails.request_returned(emails.organisation_emails(rfq.organisation), rfq=rfq)


def open_request(rfq: SourcingRequest, *, by=None) -> list:
    now = timezone.now()
    rfq.opened_at = now
    rfq.expires_at = now + datetime.timedelta(days=rfq.expiry_days)
    with transaction.atomic():
        _move(rfq, Status.OPEN, by=by)
        matches = matching.record(rfq)
    emails.request_opened(emails.organisation_emails(rfq.organisation), rfq=rfq)
    for match in matches:
        emails.matched(emails.producer_emails(match.producer), rfq=rfq, match=match)
        match.notified_at = timezone.now()
    if matches:
        type(matches[0]).objects.bulk_update(matches, ["notified_at"])
    audit("request.matched", by, request=rfq, count=len(matches))
    return matches


def close_request(rfq: SourcingRequest, reason: str, *, by=None) -> None:
    rfq.close_reason, rfq.closed_at = reason, timezone.now()
    _move(rfq, Status.CLOSED, by=by, reason=reason)
    emails.request_closed(emails.organisation_emails(rfq.organisation), rfq=rfq)


def cancel_request(rfq: SourcingRequest, *, by) -> None:
    """The buyer gives up: every quote still standing is declined and its cooperative told."""
    with transaction.atomic():
        rfq.closed_at = timezone.now()
        _move(rfq, Status.CANCELLED, by=by)
        standing = list(rfq.quotes.filter(status=Quote.Status.SUBMITTED).select_related("producer"))
        rfq.quotes.filter(pk__in=[q.pk for q in standing]).update(status=Quote.Status.DECLINED)
    for quote in standing:
        emails.request_cancelled(emails.producer_emails(quote.producer), quote=quote)


def close_expired(now=None) -> int:
    """Close the open requests whose time is up; run hourly (trade.tasks)."""
    now = now or timezone.now()
    closed = 0
    for pk in SourcingRequest.objects.filter(status=Status.OPEN, expires_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            rfq = SourcingRequest.objects.select_for_update().get(pk=pk)
            if rfq.status == Status.OPEN and rfq.expires_at <= now:
                close_request(rfq, SourcingRequest.CloseReason.EXPIRED)
                closed += 1
    return closed


# QUOTES


def close_if_expired(rfq: SourcingRequest) -> None:
    """Close a request whose time ran out before the hourly task came round to it."""
    if rfq.status == Status.OPEN and rfq.expires_at and rfq.expires_at <= timezone.now():
        with transaction.atomic():
            rfq = SourcingRequest.objects.select_for_update().get(pk=rfq.pk)
            if rfq.status == Status.OPEN and not rfq.is_open():
                close_request(rfq, SourcingRequest.CloseReason.EXPIRED)


def quotes_this_month(producer) -> int:
    start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return Quote.objects.filter(producer=producer, created_at__gte=start).count()


def check_can_quote(rfq: SourcingRequest, producer) -> None:
    if producer is None or not producer.is_public:
        raise Refused(_("Only approved cooperatives can send quotes."))
    if not rfq.is_open():
        raise Refused(_("This request is closed: it takes no more quotes."))
    if Block.between(rfq.organisation, producer):
        raise Refused(_("You cannot quote on this buyer's requests."))


def submit_quote(rfq: SourcingRequest, producer, *, by, **fields) -> Quote:
    close_if_expired(rfq)
    with transaction.atomic():
        rfq = SourcingRequest.objects.select_for_update().get(pk=rfq.pk)
        check_can_quote(rfq, producer)
        if Quote.objects.filter(request=rfq, producer=producer).exists():
            raise Refused(
                _("Your cooperative has already quoted on this request; edit that quote.")
            )
        allowance = rule("monthly_quote_allowance")
        if quotes_this_month(producer) >= allowance:
            raise Refused(
                _("Your cooperative has used its %(n)s quotes for this month. "
                  "New quotes are possible from the first of next month.") % {"n": allowance}
            )  # fmt: skip
        quote = Quote.objects.create(request=rfq, producer=producer, created_by=by, **fields)
        SourcingRequest.objects.filter(pk=rfq.pk).update(quote_count=F("quote_count") + 1)
        rfq.refresh_from_db()
        audit("quote.submitted", by, quote=quote, unit_price=quote.unit_price)
        if rfq.quote_count >= rfq.quote_cap:
            close_request(rfq, SourcingRequest.CloseReason.CAP)
    emails.quote_received(emails.organisation_emails(rfq.organisation), quote=quote)
    return quote


def check_can_edit(quote: Quote) -> None:
    if quote.status != Quote.Status.SUBMITTED or not quote.request.is_open():
        raise Refused(_("This quote can no longer be changed: the request is closed."))
    if quote.edit_count >= rule("quote_edits_allowed"):
        raise Refused(_("A quote can be edited only once, and this one has been."))


def edit_quote(quote: Quote, *, by, **fields) -> Quote:
    with transaction.atomic():
        quote = Quote.objects.select_for_update().select_related("request").get(pk=quote.pk)
        check_can_edit(quote)
        for name, value in fields.items():
            setattr(quote, name, value)
        quote.edit_count += 1
        quote.save()
        audit("quote.edited", by, quote=quote, unit_price=quote.unit_price)
    emails.quote_received(emails.organisation_emails(quote.request.organisation), quote=quote)
    return quote


def accept_quote(quote: Quote, *, by, details) -> Quote:
    """The buyer's choice: a wholesale order at the quoted price; every other quote declined."""
    from .orders import place_wholesale_order

    with transaction.atomic():
        rfq = SourcingRequest.objects.select_for_update().get(pk=quote.request_id)
        quote = Quote.objects.select_related("producer", "product").get(pk=quote.pk)
        if rfq.status not in (Status.OPEN, Status.CLOSED) or quote.status != Quote.Status.SUBMITTED:
            raise Refused(_("This request has been decided already."))
        if quote.valid_until < timezone.localdate():
            raise Refused(_("This quote is no longer valid: ask the cooperative to quote again."))
        quote.order = place_wholesale_order(quote, rfq, user=by, details=details)
        quote.status = Quote.Status.ACCEPTED
        quote.save()
        others = list(rfq.quotes.exclude(pk=quote.pk).filter(status=Quote.Status.SUBMITTED))
        rfq.quotes.filter(pk__in=[o.pk for o in others]).update(status=Quote.Status.DECLINED)
        rfq.closed_at = rfq.closed_at or timezone.now()
        _move(rfq, Status.AWARDED, by=by, accepted_quote=quote.pk, order=quote.order.number)
        audit("quote.accepted", by, quote=quote, order=quote.order.number)
        for other in others:
            audit("quote.declined", by, quote=other)
    emails.quote_accepted(emails.producer_emails(quote.producer), quote=quote)
    for other in others:
        emails.quote_declined(emails.producer_emails(other.producer), quote=other)
    return quote


# MESSAGES AND SAFETY


def post_message(quote: Quote, *, by, side: str, body: str) -> Message:
    rfq = quote.request
    if rfq.status == Status.CANCELLED or quote.status in (
        Quote.Status.DECLINED,
        Quote.Status.WITHDRAWN,
    ):
        raise Refused(_("This conversation is closed."))
    if Block.between(rfq.organisation, quote.producer):
        raise Refused(_("One of you has blocked the other: no more messages."))
    if side == Message.Side.BUYER:
        key, limit = (
            f"trade:msg:org:{rfq.organisation_id}",
            rule("messages_per_hour_per_organisation"),
        )
    else:
        key, limit = (
            f"trade:msg:coop:{quote.producer_id}",
            rule("messages_per_hour_per_cooperative"),
        )
    if not ratelimit.allow(key, limit, 3600):
        raise Refused(_("Too many messages in the last hour. Please wait a little."))
    held_for = [] if quote.is_accepted else screening.reasons(body)
    message = Message.objects.create(
        quote=quote, sender=by, side=side, body=body, held=bool(held_for), hold_reasons=held_for
    )
    audit("message.held" if held_for else "message.sent", by, quote=quote, message=message.pk)
    recipients = recipient_emails(message)
    if held_for:
        emails.message_held_warning(recipients, message=message)
        emails.message_held_staff(emails.staff_emails(), message=message)
    else:
        emails.message_received(recipients, message=message)
    return message


def recipient_emails(message: Message) -> list[str]:
    quote = message.quote
    if message.side == Message.Side.BUYER:
        return emails.producer_emails(quote.producer)
    return emails.organisation_emails(quote.request.organisation)


def release_message(message: Message, *, by) -> None:
    message.held, message.released_at = False, timezone.now()
    message.save()
    audit("message.released", by, quote=message.quote, message=message.pk)
    emails.message_received(recipient_emails(message), message=message)


def reject_message(message: Message, *, by) -> None:
    message.held, message.rejected_at = False, timezone.now()
    message.save()
    audit("message.rejected", by, quote=message.quote, message=message.pk)


def report(*, by, reason: str, quote: Quote | None = None, rfq: SourcingRequest | None = None):
    entry = Report.objects.create(reporter=by, reason=reason, quote=quote, request=rfq)
    if rfq is not None and rfq.status == Status.OPEN:
        SourcingRequest.objects.filter(pk=rfq.pk).update(flagged=True)
    audit("report", by, quote=quote, request=rfq, report=entry.pk)
    emails.reported(emails.staff_emails(), report=entry)
    return entry


def resolve_report(entry: Report, *, by) -> None:
    entry.resolved_at = timezone.now()
    entry.save()
    audit("report.resolved", by, quote=entry.quote, request=entry.request, report=entry.pk)


def block(quote: Quote, *, by, side: str) -> Block:
    entry, _created = Block.objects.get_or_create(
        organisation=quote.request.organisation, producer=quote.producer, defaults={"by_side": side}
    )
    audit("block", by, quote=quote, side=side)
    return entry
