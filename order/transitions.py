"""Changing an order's status: `transition`, the one way (also `Order.transition`).

Every status change goes through here: staff in the dashboard, the bank's transfer
notifications, card payments, expiry, the shipments that move. A call

1. locks the order's row (`select_for_update`; on SQLite the IMMEDIATE transactions serialise
   writers instead) and reads it again, so two callers at once (a transfer landing while
   expiry runs) see each other's result and exactly one of them changes the order;
2. checks the move against `statuses.PIPELINE`, the caller's own condition (`only_if`) and
   the move's conditions (`GUARDS`);
3. applies Oscar's `set_status` and what the move does (`EFFECTS`): a cancelled order's open
   shipments are cancelled and their stock released; a refund request does the same for
   shipments that have not left; a payment sets `paid_at` and a payment event;
4. writes an `OrderTransition` (from, to, who, source, reason) and sends `order_transitioned`.

A move that is not allowed changes nothing and raises nothing: the `Outcome` says why
(`refused`, a message in the active language), and it is logged. Callers show it (the
dashboard) or log it (webhooks, expiry).

Payments are `transition(order, "paid", payment=Payment(...))`:

- an unpaid order (awaiting transfer or cash on delivery) becomes paid;
- an order already past that point but not yet paid (a card order placed as paid, a
  cash-on-delivery order on its way) gets its `paid_at` and payment event, keeping its status;
- a payment for an order that is cancelled (or being refunded), or one paid already by another
  payment, is refused; when the money came by itself (`source` bank or card) it becomes a
  `RefundDue` for staff (`outcome.refund_due`). The same payment (`reference`) twice changes
  nothing.

Card payments, for example::

    from order.statuses import Source
    from order.transitions import Payment

    outcome = order.transition(
        "paid", source=Source.CARD,
        payment=Payment(amount=amount, reference=intent_id, event_name="Card payment"),
    )
    if outcome.refund_due: ...  # the order could not take the money: give it back

and a refund: `order.transition("refund-requested", by=user, source=Source.STAFF, reason=…)`,
then `order.transition("refunded", …)` once the money is back. Receivers of
`order_transitioned` run inside the transaction; use `transaction.on_commit` for calls out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from oscar.core.loading import get_model

from . import statuses
from .statuses import (
    CANCELLED,
    COMPLETED,
    MONEY_GOES_BACK,
    MONEY_SOURCES,
    PAID,
    PIPELINE,
    REFUND_REQUESTED,
    SHIPPED,
    Source,
)

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Shipment = get_model("order", "Shipment")
OrderTransition = get_model("order", "OrderTransition")
RefundDue = get_model("order", "RefundDue")
PaymentEventType = get_model("order", "PaymentEventType")

# Sent after a status change, inside its transaction: sender=Order, order, from_status,
# to_status, by, source, reason.
order_transitioned = Signal()

# The system's own reasons, stored untranslated and shown in the reader's language.
EVERY_SHIPMENT_CANCELLED = gettext_noop("Every shipment was cancelled.")
EVERY_SHIPMENT_LEFT = gettext_noop("Every shipment is on its way.")
EVERY_SHIPMENT_DELIVERED = gettext_noop("Every shipment was delivered.")
PAID_AFTER_CANCELLED = gettext_noop("Payment received for an order that was cancelled.")
PAID_TWICE = gettext_noop("Payment received for an order that was already paid.")

OPEN_SHIPMENTS = (Shipment.Status.PENDING, Shipment.Status.CONFIRMED)
LEFT = {Shipment.Status.SHIPPED, Shipment.Status.DELIVERED}


@dataclass(frozen=True)
class Payment:
    """Money for an order: `amount` (None: the order's total), its `reference` (the bank's
    transaction id, a PaymentIntent id), and the name of the payment event recorded."""

    amount: Decimal | None = None
    reference: str = ""
    event_name: str = "Paid"


@dataclass
class Outcome:
    """What a transition did. `changed`: the status changed; `paid`: a payment was recorded;
    `refused`: why nothing changed; `refund_due`: money to give back."""

    changed: bool = False
    paid: bool = False
    refused: str = ""
    already_paid: bool = False
    refund_due: object = None
    from_status: str = ""
    to_status: str = ""


def transition(
    order,
    to: str,
    *,
    by=None,
    source: str = Source.SYSTEM,
    reason: str = "",
    payment: Payment | None = None,
    only_if: Callable[[object], str] | None = None,
) -> Outcome:
    """Move `order` to status `to` (see the module's docstring); `order` is refreshed.

    `only_if(locked_order)` is the caller's own condition, checked under the lock: it returns
    "" to go on, or why not (expiry re-checks that the order still qualifies).
    """
    by = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if to == PAID:
            outcome = _pay(locked, payment or Payment(), by=by, source=source, reason=reason)
        else:
            outcome = _move(locked, to, by=by, source=source, reason=reason, only_if=only_if)
    if outcome.refused:
        log = logger.info if source in (Source.STAFF, Source.SYSTEM) else logger.warning
        log(
            "Order %s: %s -> %s refused (%s): %s",
            locked.number,
            locked.status,
            to,
            source,
            outcome.refused,
        )
    order.refresh_from_db()
    return outcome


def _move(locked, to, *, by, source, reason, only_if) -> Outcome:
    current = locked.status
    outcome = Outcome(from_status=current, to_status=current)
    if to == current:
        outcome.refused = _("Order %(number)s is already %(status)s.") % {
            "number": locked.number,
            "status": statuses.label(current).lower(),
        }
        return outcome
    if to not in PIPELINE.get(current, ()):
        outcome.refused = _("An order that is %(status)s cannot become %(new)s.") % {
            "status": statuses.label(current).lower(),
            "new": statuses.label(to).lower(),
        }
        return outcome
    for check in (only_if, GUARDS.get(to)):
        why = check(locked) if check else ""
        if why:
            outcome.refused = why
            return outcome
    locked.set_status(to)
    effect = EFFECTS.get(to)
    if effect:
        effect(locked, reason, by=by, source=source)
    record(locked, current, to, by=by, source=source, reason=reason)
    outcome.changed, outcome.to_status = True, to
    return outcome


def _pay(locked, payment: Payment, *, by, source, reason) -> Outcome:
    current = locked.status
    outcome = Outcome(from_status=current, to_status=current)
    amount = locked.total_incl_tax if payment.amount is None else payment.amount
    recorded = (
        bool(payment.reference)
        and locked.payment_events.filter(reference=payment.reference[:128]).exists()
    )
    if recorded or locked.paid_at is not None:
        # The same payment again (a replay) changes nothing; another one is owed back.
        outcome.already_paid = True
        outcome.refused = _("Order %(number)s was already paid.") % {"number": locked.number}
        if source in MONEY_SOURCES and not recorded:
            outcome.refund_due = _refund_due(locked, amount, payment, source, PAID_TWICE)
        return outcome
    if current in MONEY_GOES_BACK:
        outcome.refused = _("Order %(number)s is %(status)s: the payment was not recorded.") % {
            "number": locked.number,
            "status": statuses.label(current).lower(),
        }
        if source in MONEY_SOURCES:
            outcome.refund_due = _refund_due(locked, amount, payment, source, PAID_AFTER_CANCELLED)
        return outcome
    locked.paid_at = timezone.now()
    locked.payment_flagged = False
    locked.save(update_fields=["paid_at", "payment_flagged"])
    event_type, _created = PaymentEventType.objects.get_or_create(name=payment.event_name)
    event = locked.payment_events.create(
        event_type=event_type, amount=amount, reference=payment.reference[:128]
    )
    for line in locked.lines.all():
        event.line_quantities.create(line=line, quantity=line.quantity)
    outcome.paid = True
    if PAID in PIPELINE.get(current, ()):
        locked.set_status(PAID)
        record(locked, current, PAID, by=by, source=source, reason=reason)
        outcome.changed, outcome.to_status = True, PAID
    # Paid after the goods left (cash on delivery): the order may be complete now.
    follow_shipments(locked, by=by, source=source)
    return outcome


def _refund_due(locked, amount, payment: Payment, source, reason):
    refund, _created = RefundDue.objects.get_or_create(
        order=locked,
        reference=payment.reference[:128],
        defaults={"amount": amount, "source": source, "reason": reason},
    )
    logger.warning(
        "Refund due: %s VND for order %s (%s %s): %s",
        amount,
        locked.number,
        source,
        payment.reference,
        reason,
    )
    return refund


def record(order, from_status: str, to_status: str, *, by=None, source, reason: str = ""):
    """Write the audit row of a change (or, from "", of the order being placed)."""
    by = by if getattr(by, "is_authenticated", False) else None
    row = OrderTransition.objects.create(
        order=order,
        from_status=from_status,
        to_status=to_status,
        by=by,
        source=source,
        reason=(reason or "")[:500],
    )
    order_transitioned.send(
        sender=Order,
        order=order,
        from_status=from_status,
        to_status=to_status,
        by=by,
        source=source,
        reason=reason,
    )
    return row


def follow_shipments(order, *, by=None, source: str = Source.SYSTEM) -> None:
    """Bring the order's status in line with its shipments: cancelled (or, once paid, refund
    requested) when every one is cancelled; shipped when every other one has left; completed
    when they are delivered and the order is paid."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        found = set(locked.shipments.values_list("status", flat=True))
        still = found - {Shipment.Status.CANCELLED}
        steps = []
        if found and not still:
            steps = [(REFUND_REQUESTED if locked.paid_at else CANCELLED, EVERY_SHIPMENT_CANCELLED)]
        elif still and still <= LEFT:
            steps = [(SHIPPED, EVERY_SHIPMENT_LEFT)]
            if still == {Shipment.Status.DELIVERED} and locked.paid_at:
                steps.append((COMPLETED, EVERY_SHIPMENT_DELIVERED))
        for target, reason in steps:
            if target in PIPELINE.get(locked.status, ()):
                transition(locked, target, by=by, source=source, reason=reason)
    order.refresh_from_db()


# What a move needs beyond the pipeline: "" when it may happen, else why not.


def _nothing_has_left(order) -> str:
    if order.shipments.filter(status__in=LEFT).exists():
        return _(
            "A shipment of order %(number)s is on its way or delivered: the order can no "
            "longer be cancelled."
        ) % {"number": order.number}
    return ""


def _everything_has_left(order) -> str:
    if order.shipments.filter(status__in=OPEN_SHIPMENTS).exists():
        return _(
            "Not every shipment of order %(number)s has left its cooperative: move them on "
            "the Shipments page."
        ) % {"number": order.number}
    return ""


def _paid_and_settled(order) -> str:
    if (
        order.paid_at is None
        or order.shipments.exclude(
            status__in=[Shipment.Status.DELIVERED, Shipment.Status.CANCELLED]
        ).exists()
    ):
        return _(
            "Order %(number)s is completed once it is paid and every shipment is delivered "
            "or cancelled."
        ) % {"number": order.number}
    return ""


def _paid(order) -> str:
    if order.paid_at is None:
        return _("Order %(number)s was not paid: there is nothing to refund.") % {
            "number": order.number
        }
    return ""


GUARDS = {
    CANCELLED: _nothing_has_left,
    SHIPPED: _everything_has_left,
    COMPLETED: _paid_and_settled,
    REFUND_REQUESTED: _paid,
}


# What a move does besides changing the status.


def _cancel_open_shipments(order, reason: str, *, by, source) -> None:
    """Cancel the shipments that have not left, releasing their stock."""
    with translation.override(order.language or None):
        shown = _(reason) if reason else ""  # the buyer reads it on the order page
    for shipment in (
        order.shipments.select_for_update().order_by("pk").filter(status__in=OPEN_SHIPMENTS)
    ):
        shipment.cancel(shown, cascade=False, by=by, source=source)


EFFECTS = {
    CANCELLED: _cancel_open_shipments,
    REFUND_REQUESTED: _cancel_open_shipments,
}
