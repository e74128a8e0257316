"""The card steps of the checkout: start a payment, settle an intent (place its order, wait,
refund or reopen the basket), cancel one, expire abandoned ones, apply Stripe's webhook.

The Stripe calls and the attempt records are payment's (``payment/cards.py``). One rule runs
through it all: a basket is frozen while an intent for it can still succeed, and the order of
a succeeded intent is placed from the snapshot priced when it started (``snapshot.py``), or,
if its attempt was closed meanwhile (the basket changed, a later attempt, abandoned), the
money is refunded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import stripe
from django.db import IntegrityError, transaction
from oscar.core.loading import get_class

from order.exceptions import OutOfStock
from payment import cards as card_payments
from payment.cards import Status, checkout_for, client, retrieve

from . import snapshot
from .placement import CheckoutDetails, place_order, prepare_basket

__all__ = [
    "Outcome",
    "abandon",
    "checkout_for",
    "client",
    "expire_abandoned",
    "handle_webhook",
    "pending_basket",
    "place_for_intent",
    "retrieve",
    "settle",
    "start",
]

logger = logging.getLogger(__name__)

OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")


@dataclass
class Outcome:
    """What became of an intent, for the buyer: placed (with its order), pending (it can still
    succeed: the basket stays frozen), refunded, failed (the basket open again) or cancelled."""

    kind: str
    order: object = None
    checkout: object = None
    intent_status: str = ""


def start(*, basket, details: CheckoutDetails, user, payment_method_id: str, request=None):
    """Charge the basket's total, computed here and frozen with the attempt; returns the
    PaymentIntent (see payment.cards.start)."""
    user = user if user is not None and user.is_authenticated else None
    prepare_basket(basket, user, request)
    priced = snapshot.take(basket, request)
    return card_payments.start(
        basket=basket,
        user=user,
        amount=snapshot.amount(priced),
        order_number=OrderNumberGenerator().order_number(basket),
        data=details.to_json(),
        snapshot=priced,
        payment_method_id=payment_method_id,
    )


def pending_basket(intent_ids: list[str], request=None):
    """The frozen basket of the latest of `intent_ids` still open, priced; with its attempt."""
    for intent_id in reversed(intent_ids):
        checkout = checkout_for(intent_id)
        if checkout is not None and checkout.is_open and checkout.basket is not None:
            return prepare_basket(checkout.basket, checkout.user, request), checkout
    return None, None


def place_for_intent(intent_id: str, *, amount: int, status: str):
    """Place the order of a succeeded PaymentIntent once; later calls return the same order.

    None when there is no order: the intent's attempt was closed, or its order could not be
    placed, and the money is refunded."""
    if status != "succeeded":
        return None
    with transaction.atomic():
        checkout = card_payments.locked_checkout(intent_id)
        if checkout is None:
            return None
        if checkout.order_id:
            return checkout.order
        if checkout.refund_id:
            return None
        if not checkout.is_open:
            card_payments.refund(checkout, f"succeeded after it was {checkout.status}")
            return None
        if int(amount) != checkout.amount or not checkout.snapshot:
            return _refund_open(checkout, f"charged {amount}, priced {checkout.amount}")
        try:
            with transaction.atomic():
                order = place_order(
                    basket=checkout.basket,
                    details=CheckoutDetails.from_json(checkout.data),
                    user=checkout.user,
                    order_number=checkout.order_number,
                    snapshot=checkout.snapshot,
                )
        except OutOfStock as exc:
            # Paid, but the last unit went meanwhile: give the money back.
            return _refund_open(checkout, f"out of stock at placement: {exc}")
        except (snapshot.Gone, ValueError) as exc:
            return _refund_open(checkout, f"order not placed: {exc}")
        card_payments.record_payment(checkout, order)
        return order


def _refund_open(checkout, note: str) -> None:
    logger.warning("Refunding %s: %s", checkout.payment_intent_id, note)
    card_payments.refund(checkout, note)
    card_payments.close(checkout, Status.FAILED, note)
    return None


def settle(intent) -> Outcome:
    """Act on the intent as Stripe has it now: place its order, keep waiting, or reopen."""
    if intent.status == "succeeded":
        order = place_for_intent(intent.id, amount=intent.amount, status=intent.status)
        checkout = checkout_for(intent.id)
        if order is not None:
            return Outcome("placed", order=order, checkout=checkout)
        if checkout is not None and checkout.refund_id:
            return Outcome("refunded", checkout=checkout)
        return Outcome("failed", checkout=checkout)
    if intent.status not in card_payments.ENDED:
        # 3-D Secure under way, or processing: it may still succeed, so the basket stays frozen.
        checkout = checkout_for(intent.id)
        return Outcome("pending", checkout=checkout, intent_status=intent.status)
    card_payments.fail(
        intent.id, f"the intent is {intent.status}", cancel_intent=intent.status != "canceled"
    )
    return Outcome("failed", checkout=checkout_for(intent.id))


def abandon(intent_id: str) -> Outcome:
    """The buyer gives up an open payment: cancel it at Stripe and reopen the basket; unless
    it is too late to cancel (it succeeded or is processing), then settle it."""
    intent = card_payments.cancel(intent_id)
    if intent is None:
        return Outcome("pending", checkout=checkout_for(intent_id))
    if intent.status == "canceled":
        card_payments.close_open(intent_id, Status.CANCELLED, "cancelled by the buyer")
        return Outcome("cancelled", checkout=checkout_for(intent_id))
    return settle(intent)


def expire_abandoned() -> int:
    """Close attempts open past OCOP_CARD_INTENT_TIMEOUT_MINUTES (3-D Secure abandoned): the
    intent cancelled, the basket unfrozen, the record kept. One that succeeded meanwhile (its
    webhook lost) gets its order; one still processing waits. Returns how many expired."""
    expired = 0
    for intent_id in card_payments.abandoned():
        intent = card_payments.cancel(intent_id)
        if intent is None:
            continue  # Stripe unreachable: the next run tries again
        if intent.status == "canceled":
            expired += card_payments.close_open(intent_id, Status.EXPIRED, "abandoned")
        elif intent.status == "succeeded":
            settle(intent)
    return expired


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
            if event.type != "payment_intent.succeeded":
                # Events come in any order: a failure is checked against the intent as it is
                # now, so a late one never undoes (or refunds) a payment that succeeded.
                intent = retrieve(intent.id)
            settle(intent)
    except IntegrityError:
        return 200  # the same event arriving twice at once
    except stripe.StripeError:
        logger.warning("Stripe unreachable for event %s", event.id, exc_info=True)
        return 503  # Stripe sends it again later
    return 200
