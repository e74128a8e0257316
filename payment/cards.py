"""Card payments with Stripe PaymentIntents (VND is zero-decimal: amounts are whole dong).

The Stripe calls and the StripeCheckout that records each intent until its order exists.
Placing that order is the checkout's part (``checkout/cards.py``), from the browser's return
and the ``payment_intent.succeeded`` webhook alike; a row lock on the StripeCheckout
(``locked_checkout``) makes the second caller find the order the first one placed.
"""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.db import transaction
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

StripeCheckout = get_model("payment", "StripeCheckout")
StripeEvent = get_model("payment", "StripeEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Basket = get_model("basket", "Basket")

HANDLED_EVENTS = ("payment_intent.succeeded", "payment_intent.payment_failed")


def client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=0
    )


def start(
    *, basket, user, amount: int, order_number: str, data: dict, payment_method_id: str
) -> stripe.PaymentIntent:
    """Create the PaymentIntent, record the checkout (committed), then confirm the intent.

    `data` is what placing the order needs later, from the webhook alone if need be.
    Returns the intent; raises stripe.StripeError (card declined…) with the basket thawed.
    """
    api = client()
    intent = api.v1.payment_intents.create(
        params={
            "amount": amount,
            "currency": "vnd",
            "payment_method": payment_method_id,
            "metadata": {"order_number": order_number, "basket_id": str(basket.id)},
        }
    )
    with transaction.atomic():
        StripeCheckout.objects.filter(order_number=order_number, order__isnull=True).delete()
        StripeCheckout.objects.create(
            payment_intent_id=intent.id,
            order_number=order_number,
            basket=basket,
            user=user,
            amount=amount,
            data=data,
        )
        basket.freeze()
    try:
        intent = api.v1.payment_intents.confirm(intent.id)
    except stripe.StripeError:
        fail(intent.id)
        raise
    return intent


def fail(intent_id: str) -> None:
    """The card was declined: no order, the basket open again."""
    with transaction.atomic():
        checkout = (
            StripeCheckout.objects.select_for_update().filter(payment_intent_id=intent_id).first()
        )
        if checkout is None or checkout.order_id:
            return
        checkout.failed = True
        checkout.save(update_fields=["failed"])
        if checkout.basket and checkout.basket.status == Basket.FROZEN:
            checkout.basket.thaw()


def retrieve(intent_id: str) -> stripe.PaymentIntent:
    return client().v1.payment_intents.retrieve(intent_id)


def locked_checkout(intent_id: str):
    """The intent's StripeCheckout, locked until the caller's transaction ends; None if unknown."""
    checkout = (
        StripeCheckout.objects.select_for_update().filter(payment_intent_id=intent_id).first()
    )
    if checkout is None:
        logger.warning("Succeeded PaymentIntent %s matches no checkout", intent_id)
    return checkout


def refund(checkout) -> None:
    """Give back the money of an intent whose order could not be placed."""
    client().v1.refunds.create(params={"payment_intent": checkout.payment_intent_id})
    checkout.failed = True
    checkout.save(update_fields=["failed"])


def record_payment(checkout, order) -> None:
    """Record the card payment on the order placed for it, and link the checkout to it."""
    intent_id = checkout.payment_intent_id
    source_type, _created = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": "Stripe"}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency="VND",
        amount_allocated=order.total_incl_tax,
        amount_debited=order.total_incl_tax,
        reference=intent_id,
    )
    order.mark_paid(reference=intent_id, event_name="Card payment")
    checkout.order = order
    checkout.save(update_fields=["order"])


def verified_event(payload: bytes, signature_header: str) -> stripe.Event | None:
    """The Stripe event in a webhook's body, or None when the body or its signature is bad."""
    try:
        return stripe.Webhook.construct_event(
            payload, signature_header, settings.STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.SignatureVerificationError):
        return None


def record_event(event: stripe.Event) -> bool:
    """Note a Stripe event as handled; False when it was already (a replay)."""
    _event, created = StripeEvent.objects.get_or_create(
        event_id=event.id,
        defaults={"type": event.type, "payment_intent_id": event.data.object.id},
    )
    return created
