"""Unfreeze the baskets of card payments left at 3-D Secure, cancelling their intents."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from checkout.cards import expire_abandoned


class Command(BaseCommand):
    help = (
        "Cancel card payments open longer than OCOP_CARD_INTENT_TIMEOUT_MINUTES and unfreeze "
        "their baskets (run every few minutes)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_abandoned()} abandoned card payment(s) expired.")
