"""Cancel bank-transfer orders left unpaid too long, so their stock goes back on sale."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from oscar.core.loading import get_model

Order = get_model("order", "Order")


class Command(BaseCommand):
    help = "Cancel unpaid bank-transfer orders older than OCOP_TRANSFER_EXPIRY_HOURS (run hourly)."

    def handle(self, *args, **options):
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
        self.stdout.write(f"{count} unpaid order(s) cancelled.")
