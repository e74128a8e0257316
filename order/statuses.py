"""An order's statuses and which may follow which: the state machine's data, written once.

`Order.pipeline` is `PIPELINE` (Oscar reads it for `available_statuses()`, the dashboard's
choices), and `order.transitions.transition` refuses anything else. The conditions a move needs
beyond the table (every shipment delivered before "completed"…) and what a move does are in
`order/transitions.py`.

Prepaid orders go awaiting-transfer (or straight to paid, by card) -> paid -> shipped ->
completed; cash-on-delivery orders go awaiting-delivery-payment -> shipped -> completed, paid
on delivery; wholesale orders on terms (trade) go awaiting-terms-payment -> shipped, and are
completed once paid by their due date (`Order.payment_due_on`); expiry never cancels them.
"shipped" and "completed" follow the shipments (`transitions.follow_shipments`).
A paid order is never cancelled: its money has to go back first (refund-requested, then
refunded). Money that arrives for a cancelled order becomes a refund due (`RefundDue`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

AWAITING_TRANSFER = "awaiting-transfer"
AWAITING_DELIVERY_PAYMENT = "awaiting-delivery-payment"  # cash on delivery
AWAITING_TERMS = "awaiting-terms-payment"  # a wholesale order paid on terms (trade)
PAID = "paid"
SHIPPED = "shipped"
COMPLETED = "completed"
CANCELLED = "cancelled"
REFUND_REQUESTED = "refund-requested"
REFUNDED = "refunded"

STATUS_LABELS = {
    AWAITING_DELIVERY_PAYMENT: _("Awaiting payment on delivery"),
    AWAITING_TRANSFER: _("Awaiting bank transfer"),
    AWAITING_TERMS: _("Awaiting payment on terms"),
    PAID: _("Paid"),
    SHIPPED: _("Shipped"),
    COMPLETED: _("Completed"),
    CANCELLED: _("Cancelled"),
    REFUND_REQUESTED: _("Refund requested"),
    REFUNDED: _("Refunded"),
}

# status -> the statuses that may follow it.
PIPELINE = {
    AWAITING_TRANSFER: (PAID, CANCELLED),
    AWAITING_DELIVERY_PAYMENT: (PAID, SHIPPED, CANCELLED),
    AWAITING_TERMS: (PAID, SHIPPED, CANCELLED),
    PAID: (SHIPPED, COMPLETED, REFUND_REQUESTED),
    SHIPPED: (COMPLETED, REFUND_REQUESTED),
    COMPLETED: (),
    REFUND_REQUESTED: (REFUNDED,),
    REFUNDED: (),
    CANCELLED: (),
}

# Waiting for the buyer's money: what expiry may cancel.
UNPAID = (AWAITING_TRANSFER, AWAITING_DELIVERY_PAYMENT)
# No shipment of an order in these may move any more.
CLOSED = (CANCELLED, REFUNDED)
# Money arriving for an order in these has to go back.
MONEY_GOES_BACK = (CANCELLED, REFUND_REQUESTED, REFUNDED)


class Source(models.TextChoices):
    """Who or what asked for a change (the audit row's `source`)."""

    BUYER = "buyer", _("Buyer")
    STAFF = "staff", _("Staff")
    COOPERATIVE = "cooperative", _("Cooperative")
    BANK = "bank", _("Bank")
    CARD = "card", _("Card payment")
    EXPIRY = "expiry", _("System (expiry)")
    SYSTEM = "system", _("System")


# Sources whose payment arrives by itself (a webhook): when it cannot pay the order, the
# money is owed back (a RefundDue). Staff marking an order paid are told instead.
MONEY_SOURCES = (Source.BANK, Source.CARD)


def label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))
