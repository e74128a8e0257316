"""Card payments with Stripe PaymentIntents (VND is zero-decimal: amounts are whole dong).

The Stripe calls, and the StripeCheckout recording each attempt with a snapshot of what it
charges for. An attempt is open while its intent can still succeed, and its basket stays
frozen; it then closes for good and is kept: placed, failed, cancelled (the basket changed),
superseded (a later attempt) or expired (abandoned). A closed attempt's intent is cancelled at
Stripe, and one that succeeds anyway is refunded.

Placing the order is the checkout's part (``checkout/cards.py``), from the browser's return,
the webhook or the expiry task alike; a row lock on the StripeCheckout (``locked_checkout``)
makes the second caller find the order, or the refund, the first one made.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from functools import partial

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from order import statuses
from order.transitions import Payment

logger = logging.getLogger(__name__)

StripeCheckout = get_model("payment", "StripeCheckout")
StripeEvent = get_model("payment", "StripeEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

Status = StripeCheckout.Status
HANDLED_EVENTS = (
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
)
# An intent in any other state than these can still succeed: its basket stays frozen.
ENDED = ("succeeded", "canceled", "requires_payment_method")


def client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=0
    )


def start(
    *,
    basket,
    user,
    amount: int,
    order_number: str,
    data: dict,
    snapshot: dict,
    payment_method_id: str,
) -> stripe.PaymentIntent:
    """Create the PaymentIntent, record the attempt (committed) with the basket frozen, then
    confirm the intent. An open earlier attempt at this basket is superseded.

    `data` and `snapshot` are what placing the order needs later, from the webhook alone.
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
        # Locks in the order placing an order takes them: the attempts, then their basket. A
        # second attempt at once waits here for the basket, then supersedes this one.
        list(StripeCheckout.objects.select_for_update().filter(basket=basket, status=Status.OPEN))
        Basket.objects.select_for_update().filter(pk=basket.pk).first()
        earlier = _close_all(
            StripeCheckout.objects.filter(basket=basket),
            Status.SUPERSEDED,
            f"superseded by {intent.id}",
        )
        StripeCheckout.objects.create(
            payment_intent_id=intent.id,
            order_number=order_number,
            basket=basket,
            user=user,
            amount=amount,
            data=data,
            snapshot=snapshot,
        )
        if basket.status != Basket.FROZEN:
            basket.freeze()
    for intent_id in earlier:
        cancel_or_refund(intent_id)
    try:
        intent = api.v1.payment_intents.confirm(intent.id)
    except stripe.StripeError:
        fail(intent.id, "declined when confirmed")
        raise
    return intent


def retrieve(intent_id: str) -> stripe.PaymentIntent:
    return client().v1.payment_intents.retrieve(intent_id)


def cancel(intent_id: str) -> stripe.PaymentIntent | None:
    """Cancel the intent at Stripe; the intent as it then is (succeeded or processing when it
    could not be cancelled any more), or None when Stripe could not be asked."""
    if not settings.STRIPE_SECRET_KEY:
        return None
    api = client()
    try:
        return api.v1.payment_intents.cancel(intent_id)
    except stripe.InvalidRequestError:
        pass  # not cancellable in its state: already succeeded, processing or cancelled
    except stripe.StripeError:
        logger.warning("Could not cancel PaymentIntent %s", intent_id, exc_info=True)
        return None
    try:
        return api.v1.payment_intents.retrieve(intent_id)
    except stripe.StripeError:
        logger.warning("Could not retrieve PaymentIntent %s", intent_id, exc_info=True)
        return None


def cancel_or_refund(intent_id: str) -> None:
    """A closed attempt keeps no money: its intent cancelled, or refunded if it succeeded."""
    intent = cancel(intent_id)
    if intent is not None and intent.status == "succeeded":
        with transaction.atomic():
            checkout = locked_checkout(intent_id)
            if checkout is not None and not checkout.is_open:
                refund(checkout, f"succeeded after it was {checkout.status}")


def locked_checkout(intent_id: str):
    """The intent's StripeCheckout, locked until the caller's transaction ends; None if unknown."""
    checkout = (
        StripeCheckout.objects.select_for_update().filter(payment_intent_id=intent_id).first()
    )
    if checkout is None:
        logger.warning("PaymentIntent %s matches no checkout", intent_id)
    return checkout


def checkout_for(intent_id: str):
    return StripeCheckout.objects.filter(payment_intent_id=intent_id).first()


def close(checkout, status: str, note: str = "") -> None:
    """End a locked open attempt; its basket opens again unless a later attempt pays for it."""
    checkout.status = status
    checkout.note = note[:255]
    checkout.closed_at = timezone.now()
    checkout.save(update_fields=["status", "note", "closed_at"])
    basket = checkout.basket
    if status != Status.SUPERSEDED and basket is not None and basket.status == Basket.FROZEN:
        basket.thaw()


def close_open(intent_id: str, status: str, note: str = "") -> bool:
    """Close the intent's attempt if it is still open; whether it was."""
    with transaction.atomic():
        checkout = locked_checkout(intent_id)
        if checkout is None or not checkout.is_open:
            return False
        close(checkout, status, note)
        return True


def fail(intent_id: str, note: str = "the payment failed", *, cancel_intent: bool = True) -> None:
    """The card was declined or its check failed: no order, the basket open again, and the
    intent cancelled so that it can never be confirmed later."""
    if close_open(intent_id, Status.FAILED, note) and cancel_intent:
        transaction.on_commit(partial(cancel_or_refund, intent_id))


def basket_changed(basket_id: int | None) -> None:
    """The basket changed (thawed, a line added, edited or removed) under an open attempt:
    the attempt is cancelled, here and at Stripe; the next attempt starts a new intent."""
    if basket_id is None:
        return
    attempts = StripeCheckout.objects.filter(basket_id=basket_id)
    for intent_id in _close_all(attempts, Status.CANCELLED, "the basket changed"):
        logger.info("Basket %s changed: cancelling PaymentIntent %s", basket_id, intent_id)
        transaction.on_commit(partial(cancel_or_refund, intent_id))


def _close_all(attempts, status: str, note: str) -> list[str]:
    """Close the open ones among `attempts` without touching their basket; their intent ids."""
    open_ = attempts.filter(status=Status.OPEN)
    intent_ids = list(open_.values_list("payment_intent_id", flat=True))
    if intent_ids:
        open_.update(status=status, note=note[:255], closed_at=timezone.now())
    return intent_ids


def abandoned() -> list[str]:
    """Intents of attempts open longer than OCOP_CARD_INTENT_TIMEOUT_MINUTES (3-D Secure left)."""
    minutes = settings.OCOP_CARD_INTENT_TIMEOUT_MINUTES
    cutoff = timezone.now() - datetime.timedelta(minutes=minutes)
    return list(
        StripeCheckout.objects.filter(status=Status.OPEN, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("payment_intent_id", flat=True)
    )


def _refund_at_stripe(intent_id: str):
    """Refund the whole of an intent at Stripe, once whoever asks again (idempotent)."""
    api = client()
    try:
        return api.v1.refunds.create(
            params={"payment_intent": intent_id},
            options={"idempotency_key": f"refund-{intent_id}"},
        )
    except stripe.InvalidRequestError:
        # Refunded already (by an earlier try whose transaction did not commit): find it.
        made = next(iter(api.v1.refunds.list(params={"payment_intent": intent_id}).data), None)
        if made is None:
            raise
        return made


def _note_refund(checkout, made, note: str) -> None:
    checkout.refund_id = made.id
    checkout.refunded_at = timezone.now()
    checkout.note = note[:255]
    checkout.save(update_fields=["refund_id", "refunded_at", "note"])
    logger.warning(
        "Refunded PaymentIntent %s (%s VND, order %s): %s",
        checkout.payment_intent_id,
        checkout.amount,
        checkout.order_number,
        note,
    )


def refund(checkout, note: str) -> None:
    """Give back all the money of a locked attempt that will have no order; once, and logged.
    An open attempt stays open: the caller closes it."""
    if checkout.refund_id or checkout.order_id:
        return
    _note_refund(checkout, _refund_at_stripe(checkout.payment_intent_id), note)


def refund_order(order_id: int) -> bool:
    """Give back the card payment of an order whose refund was requested (by staff, or because
    every shipment was cancelled), then mark the order refunded. False when the order was not
    paid by card, is no longer awaiting its refund, or Stripe could not be reached: the order
    then stays "refund requested" on the staff's list and can be refunded by hand."""
    with transaction.atomic():
        checkout = (
            StripeCheckout.objects.select_for_update()
            .filter(order_id=order_id, status=Status.PLACED)
            .first()
        )
        order = Order.objects.filter(pk=order_id).first()
        if checkout is None or order is None or order.status != statuses.REFUND_REQUESTED:
            return False
        if not checkout.refund_id:
            try:
                made = _refund_at_stripe(checkout.payment_intent_id)
            except stripe.StripeError:
                logger.exception("Refund of order %s failed at Stripe", order.number)
                return False
            _note_refund(checkout, made, "refund requested for the order")
        outcome = order.transition(
            statuses.REFUNDED,
            source=statuses.Source.CARD,
            reason=f"Stripe refund {checkout.refund_id}",
        )
    return outcome.changed


def record_payment(checkout, order) -> None:
    """Record the card payment on the order placed for it, and link the attempt to it: the
    one place a card payment marks its order paid (order.transitions)."""
    intent_id = checkout.payment_intent_id
    amount = Decimal(checkout.amount)
    source_type, _created = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": "Stripe"}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency="VND",
        amount_allocated=amount,
        amount_debited=amount,
        reference=intent_id,
    )
    order.transition(
        statuses.PAID,
        source=statuses.Source.CARD,
        payment=Payment(amount=amount, reference=intent_id, event_name="Card payment"),
    )
    checkout.order = order
    checkout.status = Status.PLACED
    checkout.closed_at = timezone.now()
    checkout.save(update_fields=["order", "status", "closed_at"])


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
