"""Cancel orders left waiting on the buyer too long, so their stock goes back on sale."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from order.expiry import expire_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel unpaid bank-transfer orders older than OCOP_TRANSFER_EXPIRY_HOURS and guests' "
        "unconfirmed cash-on-delivery orders older than OCOP_COD_CONFIRM_HOURS (run hourly)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_unpaid_orders()} unpaid order(s) cancelled.")
