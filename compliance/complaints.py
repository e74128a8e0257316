"""A complaint's steps, written once: open, decide, escalate, remind. Every step is logged and
e-mailed to those concerned; views and the deadline task call these."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from lib.urls import absolute_url

from .models import Complaint, ComplaintEvent, ComplaintPhoto

logger = logging.getLogger(__name__)
RefundDue = get_model("order", "RefundDue")
StockRecord = get_model("partner", "StockRecord")


class NotAllowed(Exception):
    """The step is not open to this person or in this state."""


def _emails(complaint: Complaint, *, buyer=True, cooperative=True, staff=False) -> list[str]:
    found = []
    if buyer and complaint.buyer_id and complaint.buyer.email:
        found.append(complaint.buyer.email)
    if cooperative:
        found += [u.email for u in complaint.partner.users.all() if u.email]
    if staff:
        found += list(
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(set(found))


def log(
    complaint: Complaint, kind: str, note: str = "", actor=None, **recipients
) -> ComplaintEvent:
    """Write the step to the log and e-mail it."""
    event = ComplaintEvent.objects.create(complaint=complaint, kind=kind, note=note, actor=actor)
    link = absolute_url(reverse("compliance:complaint", args=[complaint.pk]))
    subject = _("Complaint #%(id)s on order %(number)s: %(step)s") % {
        "id": complaint.pk,
        "number": complaint.order.number,
        "step": step_label(kind),
    }
    body = "\n\n".join(filter(None, [subject, note, link]))
    to = _emails(complaint, **recipients)
    if to:
        send_mail(subject, body, None, to, fail_silently=True)
    return event


def step_label(kind: str) -> str:
    return {
        "opened": _("opened"),
        "reminder": _("reminder: the cooperative's deadline is near"),
        "escalated": _("escalated to the marketplace's staff"),
        "decided": _("decided"),
        "returned": _("goods received back"),
    }.get(kind, kind)


def can_open(line, user) -> bool:
    return line.order.user_id == user.pk


@transaction.atomic
def open_complaint(line, buyer, *, reason, description, wanted, quantity=1, photos=()) -> Complaint:
    if not can_open(line, buyer):
        raise NotAllowed
    complaint = Complaint.objects.create(
        order=line.order,
        line=line,
        partner=line.partner,
        buyer=buyer,
        reason=reason,
        description=description,
        wanted=wanted,
        quantity=quantity,
        respond_by=timezone.now()
        + datetime.timedelta(hours=settings.COMPLIANCE_COMPLAINT_RESPONSE_HOURS),
    )
    for photo in photos:
        ComplaintPhoto.objects.create(complaint=complaint, image=photo)
    log(complaint, "opened", description, actor=buyer)
    return complaint


def refund_for(complaint: Complaint) -> int:
    """The line's unit price (VND, taxes included) times the quantity complained of."""
    return int(complaint.line.unit_price_incl_tax or 0) * complaint.quantity


def may_decide(complaint: Complaint, user) -> bool:
    if user.is_staff:
        return complaint.status != Complaint.Status.RESOLVED
    is_cooperative = complaint.partner.users.filter(pk=user.pk).exists()
    return is_cooperative and complaint.status == Complaint.Status.OPEN


@transaction.atomic
def decide(
    complaint: Complaint,
    by,
    outcome: str,
    *,
    reason: str = "",
    goods_returned: bool = False,
    return_carrier: str = "",
    return_tracking: str = "",
) -> Complaint:
    """Refund, replacement, return with its shipment, or rejection with a reason.

    A refund becomes a RefundDue on the order for staff to pay; goods that came back go
    back into stock.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not may_decide(complaint, by):
        raise NotAllowed
    Outcome = Complaint.Outcome
    if outcome == Outcome.REJECTED and not reason.strip():
        raise ValueError("a rejection needs a reason")
    returned = goods_returned or outcome == Outcome.RETURN
    complaint.outcome = outcome
    complaint.outcome_reason = reason
    complaint.goods_returned = returned
    complaint.return_carrier = return_carrier
    complaint.return_tracking = return_tracking
    complaint.status = Complaint.Status.RESOLVED
    complaint.resolved_at = timezone.now()
    if outcome in (Outcome.REFUND, Outcome.RETURN):
        complaint.refund_amount = refund_for(complaint)
        RefundDue.objects.create(
            order=complaint.order,
            amount=complaint.refund_amount,
            reference=f"complaint-{complaint.pk}",
            source="staff" if by.is_staff else "cooperative",
            reason=f"Complaint #{complaint.pk}",
        )
    complaint.save()
    if returned and complaint.line.stockrecord_id:
        StockRecord.objects.filter(pk=complaint.line.stockrecord_id).update(
            num_in_stock=F("num_in_stock") + complaint.quantity
        )
        # As Oscar's allocations do after their atomic update: the catalogue's receivers
        # (its version, the search boost) see the stock change.
        StockRecord.objects.get(pk=complaint.line.stockrecord_id).post_save_signal()
    note = f"{complaint.get_outcome_display()}. {reason}".strip()
    if complaint.refund_amount:
        note += "\n" + _("Refund: %(amount)s ₫") % {
            "amount": f"{complaint.refund_amount:,}".replace(",", ".")
        }
    log(complaint, "decided", note, actor=by, staff=by.is_staff)
    return complaint


@transaction.atomic
def escalate(complaint: Complaint, by=None, note: str = "") -> Complaint:
    """Staff step in: the buyer asked, or the cooperative let its deadline pass."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if by is not None and by.pk != complaint.buyer_id:
        raise NotAllowed
    window = datetime.timedelta(days=settings.COMPLIANCE_COMPLAINT_WINDOW_DAYS)
    rejected_recently = (
        complaint.status == Complaint.Status.RESOLVED
        and complaint.outcome == Complaint.Outcome.REJECTED
        and complaint.resolved_at
        and complaint.resolved_at + window > timezone.now()
    )
    if complaint.status != Complaint.Status.OPEN and not rejected_recently:
        raise NotAllowed
    complaint.status = Complaint.Status.ESCALATED
    complaint.escalated_at = timezone.now()
    complaint.resolved_at = None
    complaint.outcome = ""
    complaint.save()
    if by is None:
        note = note or _("The cooperative did not answer by its deadline.")
    log(complaint, "escalated", note, actor=by, staff=True)
    return complaint


def run_deadlines(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Remind cooperatives whose deadline is near; escalate those past it. (reminded, escalated)"""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.COMPLIANCE_COMPLAINT_REMINDER_HOURS)
    reminded = 0
    for complaint in Complaint.objects.filter(
        status=Complaint.Status.OPEN,
        reminded_at__isnull=True,
        respond_by__gte=now,
        respond_by__lt=soon,
    ):
        Complaint.objects.filter(pk=complaint.pk).update(reminded_at=now)
        log(complaint, "reminder", buyer=False)
        reminded += 1
    escalated = 0
    for complaint in Complaint.objects.overdue(now):
        try:
            escalate(complaint)
            escalated += 1
        except NotAllowed:
            continue
    return reminded, escalated
