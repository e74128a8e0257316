"""How many orders one visitor may place: per client address and per phone number.

An order paid on delivery or by transfer holds its stock until a cooperative confirms it, it
is paid, or it expires (order/expiry.py). Without a limit one visitor could hold a
cooperative's whole stock, order after order. Each order placed counts once against its
visitor's address and once against its phone number, in fixed windows of
OCOP_CHECKOUT_LIMIT_SECONDS (lib.ratelimit); beyond OCOP_CHECKOUT_ORDERS_PER_ADDRESS or
OCOP_CHECKOUT_ORDERS_PER_PHONE the checkout refuses and places nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from lib import ratelimit
from lib.cache import hashed_key
from lib.http import client_ip


def refusal(request, phone) -> str:
    """Count this order: "" when it may be placed, else why not, for the buyer."""
    window = settings.OCOP_CHECKOUT_LIMIT_SECONDS
    minutes = max(window // 60, 1)
    address = hashed_key("checkout:address", client_ip(request))
    if not ratelimit.allow(address, settings.OCOP_CHECKOUT_ORDERS_PER_ADDRESS, window):
        return _(
            "Too many orders were placed from your connection in a short time. Nothing was "
            "ordered: please try again within %(minutes)s minutes."
        ) % {"minutes": minutes}
    number = getattr(phone, "as_e164", None) or str(phone)
    if not ratelimit.allow(
        hashed_key("checkout:phone", number), settings.OCOP_CHECKOUT_ORDERS_PER_PHONE, window
    ):
        return _(
            "Too many orders were placed with this phone number in a short time. Nothing was "
            "ordered: please try again within %(minutes)s minutes."
        ) % {"minutes": minutes}
    return ""
