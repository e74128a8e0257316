"""Orders left waiting on the buyer expire, so their stock goes back on sale.

- A bank-transfer order unpaid after OCOP_TRANSFER_EXPIRY_HOURS is cancelled.
- A guest's cash-on-delivery order that no cooperative confirmed (by phoning the buyer, then
  Confirm on its shipment page) after OCOP_COD_CONFIRM_HOURS is cancelled; when some
  cooperatives confirmed their part, only the parts nobody confirmed are cancelled.

Each order is cancelled through `Order.transition` under its row lock, re-checked there: a
transfer that lands at the same moment either pays the order first (expiry then leaves it) or
finds it cancelled (and becomes a refund due). Run hourly (order.tasks, or the
expire_unpaid_orders command).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from oscar.core.loading import get_model

from .statuses import AWAITING_DELIVERY_PAYMENT, AWAITING_TRANSFER, CANCELLED, Source

TRANSFER_EXPIRED = gettext_noop("The bank transfer did not arrive in time.")
NOT_CONFIRMED = gettext_noop("No cooperative confirmed the order in time.")
PART_NOT_CONFIRMED = gettext_noop("The cooperative did not confirm the order in time.")


def expire_unpaid_orders() -> int:
    """Cancel the orders that waited too long (see the module); returns how many."""
    Order = get_model("order", "Order")
    now = timezone.now()
    transfers = Order.objects.filter(
        payment_method="bank_transfer",
        status=AWAITING_TRANSFER,
        paid_at__isnull=True,
        date_placed__lt=now - datetime.timedelta(hours=settings.OCOP_TRANSFER_EXPIRY_HOURS),
    )
    guests_cod = Order.objects.filter(
        payment_method="cod",
        status=AWAITING_DELIVERY_PAYMENT,
        user__isnull=True,
        shipments__status="pending",
        date_placed__lt=now - datetime.timedelta(hours=settings.OCOP_COD_CONFIRM_HOURS),
    ).distinct()
    count = 0
    for order in transfers.order_by("pk"):
        outcome = order.transition(
            CANCELLED, source=Source.EXPIRY, reason=TRANSFER_EXPIRED, only_if=_still_unpaid
        )
        count += outcome.changed
    for order in guests_cod.order_by("pk"):
        count += _expire_unconfirmed(order)
    return count


def _still_unpaid(order) -> str:
    if order.status != AWAITING_TRANSFER or order.paid_at is not None:
        return _("Order %(number)s no longer awaits a transfer.") % {"number": order.number}
    return ""


def _nobody_confirmed(order) -> str:
    if order.status != AWAITING_DELIVERY_PAYMENT or order.paid_at is not None:
        return _("Order %(number)s no longer awaits confirmation.") % {"number": order.number}
    if order.shipments.exclude(status__in=["pending", "cancelled"]).exists():
        return _("A cooperative confirmed order %(number)s.") % {"number": order.number}
    return ""


def _expire_unconfirmed(order) -> bool:
    """Cancel a guest's unconfirmed cash-on-delivery order, or its unconfirmed parts."""
    outcome = order.transition(
        CANCELLED, source=Source.EXPIRY, reason=NOT_CONFIRMED, only_if=_nobody_confirmed
    )
    if outcome.changed:
        return True
    Order = get_model("order", "Order")
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != AWAITING_DELIVERY_PAYMENT:
            return False
        with translation.override(locked.language or None):
            shown = _(PART_NOT_CONFIRMED)
        for shipment in locked.shipments.select_for_update().filter(status="pending"):
            shipment.cancel(shown, source=Source.EXPIRY)
    return False
