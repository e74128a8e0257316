"""Card payments with Stripe PaymentIntents (VND is zero-decimal: amounts are whole dong).

The order is placed by ``place_for_intent``, called from the browser's return and from the
``payment_intent.succeeded`` webhook alike; a row lock on the StripeCheckout makes the
second caller find the order the first one placed.
"""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from oscar.core.loading import get_model

from checkout.placement import CheckoutDetails, place_order, prepare_basket, totals
from order.exceptions import OutOfStock

logger = logging.getLogger(__name__)

StripeCheckout = get_model("payment", "StripeCheckout")
StripeEvent = get_model("payment", "StripeEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Basket = get_model("basket", "Basket")


def client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=0
    )


def start(*, basket, details: CheckoutDetails, user, payment_method_id: str, request=None):
    """Create the PaymentIntent, record the checkout (committed), then confirm the intent.

    Returns the intent; raises stripe.StripeError (card declined…) with the basket thawed.
    """
    user = user if user is not None and user.is_authenticated else None
    prepare_basket(basket, user, request)
    _method, _charge, total = totals(basket, request)
    amount = int(total.incl_tax)
    order_number = str(100000 + basket.id)
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
            data=details.to_json(),
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


def retrieve(intent_id: str):
    return client().v1.payment_intents.retrieve(intent_id)


def place_for_intent(intent_id: str, *, amount: int, status: str):
    """Place the order of a succeeded PaymentIntent once; later calls return the same order."""
    if status != "succeeded":
        return None
    with transaction.atomic():
        checkout = (
            StripeCheckout.objects.select_for_update().filter(payment_intent_id=intent_id).first()
        )
        if checkout is None:
            logger.warning("Succeeded PaymentIntent %s matches no checkout", intent_id)
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
            client().v1.refunds.create(params={"payment_intent": intent_id})
            checkout.failed = True
            checkout.save(update_fields=["failed"])
            return None
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
        return order


def handle_webhook(payload: bytes, signature_header: str) -> int:
    """Verify and apply one Stripe event; the HTTP status to answer."""
    try:
        event = stripe.Webhook.construct_event(
            payload, signature_header, settings.STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.SignatureVerificationError):
        return 400
    if event.type not in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        return 200
    intent = event.data.object
    try:
        with transaction.atomic():
            _event, created = StripeEvent.objects.get_or_create(
                event_id=event.id, defaults={"type": event.type, "payment_intent_id": intent.id}
            )
            if not created:
                return 200  # a replay: it was handled already
            if event.type == "payment_intent.succeeded":
                place_for_intent(intent.id, amount=intent.amount, status=intent.status)
            else:
                fail(
                    intent.id
                )  # does nothing once an order exists: out-of-order events are harmless
    except IntegrityError:
        return 200  # the same event arriving twice at once
    return 200
