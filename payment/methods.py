"""Which payment methods the shop offers right now."""

from __future__ import annotations

from django.conf import settings
from oscar.core.loading import get_model


def card_enabled() -> bool:
    """Cards only with both Stripe keys: without them the option is hidden."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def bank_transfer_enabled() -> bool:
    return receiving_account() is not None


def receiving_account():
    return get_model("payment", "ReceivingAccount").objects.current()
