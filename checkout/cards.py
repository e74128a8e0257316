"""The card steps of the checkout: start a payment, place the order of a succeeded intent,
apply Stripe's webhook.

The Stripe calls and the intent records are payment's (``payment/cards.py``); the views
reach those they need (``retrieve``, ``fail``) through this module too.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from oscar.core.loading import get_class

from order.exceptions import OutOfStock
from payment import cards as card_payments
from payment.cards import client, fail, retrieve

from .placement import CheckoutDetails, place_order, prepare_basket, totals

__all__ = ["client", "fail", "handle_webhook", "place_for_intent", "retrieve", "start"]

logger = logging.getLogger(__name__)

OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")


def start(*, basket, details: CheckoutDetails, user, payment_method_id: str, request=None):
    """Charge the basket's total, computed here; returns the PaymentIntent (see payment.cards)."""
    user = user if user is not None and user.is_authenticated else None
    prepare_basket(basket, user, request)
    _method, _charge, total = totals(basket, request)
    return card_payments.start(
        basket=basket,
        user=user,
        amount=int(total.incl_tax),
        order_number=OrderNumberGenerator().order_number(basket),
        data=details.to_json(),
        payment_method_id=payment_method_id,
    )


def place_for_intent(intent_id: str, *, amount: int, status: str):
    """Place the order of a succeeded PaymentIntent once; later calls return the same order."""
    if status != "succeeded":
        return None
    with transaction.atomic():
        checkout = card_payments.locked_checkout(intent_id)
        if checkout is None:
            return None
        if checkout.order_id:
            return checkout.order
        if int(amount) != checkout.amount:
            logger.error("PaymentIntent %s amount %s != %s", intent_id, amount, checkout.amount)
            return None
        basket = checkout.basket
        basket.thaw()  # Oscar submits an open or frozen basket alike; thaw keeps our status checks simple
        try:
            with transaction.atomic():
                order = place_order(
                    basket=basket,
                    details=CheckoutDetails.from_json(checkout.data),
                    user=checkout.user,
                    order_number=checkout.order_number,
                )
        except OutOfStock:
            # Paid, but the last unit went meanwhile: give the money back.
            logger.warning("Refunding %s: out of stock at placement", intent_id)
            card_payments.refund(checkout)
            return None
        card_payments.record_payment(checkout, order)
        return order


def handle_webhook(payload: bytes, signature_header: str) -> int:
    """Verify and apply one Stripe event; the HTTP status to answer."""
    event = card_payments.verified_event(payload, signature_header)
    if event is None:
        return 400
    if event.type not in card_payments.HANDLED_EVENTS:
        return 200
    intent = event.data.object
    try:
        with transaction.atomic():
            if not card_payments.record_event(event):
                return 200  # a replay: it was handled already
            if event.type == "payment_intent.succeeded":
                place_for_intent(intent.id, amount=intent.amount, status=intent.status)
            else:
                # Does nothing once an order exists: out-of-order events are harmless.
                card_payments.fail(intent.id)
    except IntegrityError:
        return 200  # the same event arriving twice at once
    return 200
