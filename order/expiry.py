"""Unpaid bank-transfer orders expire, so their stock goes back on sale."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from oscar.core.loading import get_model


def expire_unpaid_orders() -> int:
    """Cancel bank-transfer orders unpaid after OCOP_TRANSFER_EXPIRY_HOURS; returns how many."""
    Order = get_model("order", "Order")
    cutoff = timezone.now() - datetime.timedelta(hours=settings.OCOP_TRANSFER_EXPIRY_HOURS)
    expired = Order.objects.filter(
        payment_method="bank_transfer",
        status="awaiting-transfer",
        paid_at__isnull=True,
        date_placed__lt=cutoff,
    )
    count = 0
    for order in expired:
        order.cancel("unpaid bank transfer expired")
        count += 1
    return count
