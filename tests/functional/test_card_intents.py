"""One order per card payment, equal to what was paid: against localstripe, no mocks.

A basket is frozen while its payment can still succeed; the order comes from the snapshot
priced when the payment started; a payment whose attempt was closed meanwhile (the basket
changed, a later attempt, abandoned) is refunded. Webhooks are caught (`held_webhooks`) and
delivered by the test, in the order it chooses.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from checkout import cards
from checkout.placement import CheckoutDetails
from checkout.tasks import expire_card_intents
from payment import cards as payment_cards
from tests import flows
from tests.cards import (
    PROCESSING,
    THREE_D_SECURE,
    VISA,
    authenticate,
    deliver,
    payment_method,
    refunds,
    settle,
)
from tests.concurrency import at_once
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

Basket = get_model("basket", "Basket")
CooperativeShipping = get_model("shipping", "CooperativeShipping")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")
StripeCheckout = get_model("payment", "StripeCheckout")
StripeEvent = get_model("payment", "StripeEvent")

CARD_PAGE, BASKET = "/shop/checkout/card/", "/shop/basket/"
THANK_YOU = "/shop/checkout/thank-you/"


def returned(intent_id: str) -> str:
    return f"/shop/checkout/card/return/?payment_intent={intent_id}"


@pytest.fixture
def shop(committed_db):
    """A cooperative shipping at 30.000 đ, a small item (250.000 đ) and a larger one (90.000 đ)."""
    partner = CooperativeFactory(flat_rate=30000)
    small = ProductFactory(partner=partner, price=250000, stock=5)
    extra = ProductFactory(partner=partner, price=90000, stock=5)
    yield small, extra
    remove_cooperatives(partner)


def pay(client, card: str, **headers):
    """Post the card page with a new card; the checkout form was filled before."""
    return client.post(CARD_PAGE, {"payment_method_id": payment_method(card)}, **headers)


def start_3ds(client, item, quantity: int = 1):
    """Fill a basket, check out by card and stop at the bank's 3-D Secure check."""
    flows.add_to_basket(client, item, quantity)
    assert flows.checkout(client, payment_method="card")["Location"] == CARD_PAGE
    response = pay(client, THREE_D_SECURE)
    assert response.status_code == 200 and "handleNextAction" in response.content.decode()
    basket = flows.basket_of(client)
    attempt = StripeCheckout.objects.get(basket=basket)
    assert (basket.status, attempt.status) == ("Frozen", "open")
    return basket, attempt


def test_a_basket_changed_during_3ds_cancels_the_payment_and_the_larger_basket_is_paid_anew(
    shop, held_webhooks
):
    small, extra = shop
    client = Client()
    basket, first = start_3ds(client, small)
    assert first.amount == 280000 and cards.retrieve(first.payment_intent_id).amount == 280000

    # In another tab the buyer cancels the payment to change the basket, and adds an item...
    response = client.post(
        "/shop/checkout/card/cancel/", {"payment_intent": first.payment_intent_id}
    )
    assert response["Location"] == BASKET
    flows.add_to_basket(client, extra)
    basket.refresh_from_db()
    assert (basket.status, basket.num_items) == ("Open", 2)
    # ...then finishes the bank's check in the first tab: too late, nothing can be charged.
    assert authenticate(first.payment_intent_id).status_code == 400
    assert cards.retrieve(first.payment_intent_id).status == "canceled"
    first.refresh_from_db()
    assert first.status == "cancelled"
    assert not Order.objects.filter(basket=basket).exists()

    # The larger basket is a new payment, of its own total.
    flows.checkout(client, payment_method="card")
    assert pay(client, VISA)["Location"] == THANK_YOU
    order = Order.objects.get(basket=basket)
    second = StripeCheckout.objects.get(order=order)
    assert second.payment_intent_id != first.payment_intent_id
    assert order.total_incl_tax == second.amount == 250000 + 90000 + 30000
    assert sorted(order.lines.values_list("product_id", "quantity")) == sorted(
        [(small.pk, 1), (extra.pk, 1)]
    )
    assert StripeCheckout.objects.filter(basket=basket).count() == 2  # the first one is kept


def test_a_payment_that_succeeds_after_its_basket_changed_is_refunded_and_places_no_order(
    shop, held_webhooks
):
    small, extra = shop
    client = Client()
    basket, first = start_3ds(client, small)
    intent_id = first.payment_intent_id
    assert authenticate(intent_id).status_code == 200  # the bank says yes; the event is held

    # The basket is opened and changed under the payment (whatever path did it).
    Basket.objects.get(pk=basket.pk).thaw()
    flows.add_to_basket(client, extra, 2)

    # The payment cannot be cancelled any more: it is refunded, in full, at Stripe.
    assert [(r["amount"], r["status"]) for r in refunds(intent_id)] == [(280000, "succeeded")]
    first.refresh_from_db()
    assert first.status == "cancelled" and first.refund_id == refunds(intent_id)[0]["id"]

    # Its success arrives afterwards, twice, and the browser comes back: no order, no second refund.
    body = held_webhooks.wait(intent_id)
    assert deliver(client, body).status_code == 200
    assert deliver(client, body).status_code == 200
    response = client.get(returned(intent_id), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == BASKET
    page = client.get(BASKET, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "has been refunded in full" in page
    assert not Order.objects.filter(basket=basket).exists()
    assert not Order.objects.filter(lines__product=extra).exists()
    assert len(refunds(intent_id)) == 1
    basket.refresh_from_db()
    assert (basket.status, basket.num_items) == ("Open", 3)


def test_the_order_is_what_was_priced_and_paid_even_when_prices_change_during_3ds(
    shop, held_webhooks
):
    small, _extra = shop
    client = Client()
    basket, attempt = start_3ds(client, small, 2)
    assert attempt.amount == 2 * 250000 + 30000

    # While the buyer is at the bank, the cooperative raises its price and its shipping rate.
    StockRecord.objects.filter(product=small).update(price=Decimal(300000))
    CooperativeShipping.objects.filter(partner=small.stockrecords.get().partner).update(
        flat_rate=Decimal(50000)
    )
    assert authenticate(attempt.payment_intent_id).status_code == 200
    assert deliver(client, held_webhooks.wait(attempt.payment_intent_id)).status_code == 200

    order = Order.objects.get(basket=basket)
    assert order.is_paid and order.total_incl_tax == 530000 == attempt.amount
    assert order.shipping_incl_tax == 30000
    line = order.lines.get()
    assert (line.product_id, line.quantity, line.unit_price_incl_tax) == (small.pk, 2, 250000)
    assert line.line_price_incl_tax == 500000
    shipment = order.shipments.get()
    assert (shipment.subtotal, shipment.shipping_charge) == (500000, 30000)
    assert StockRecord.objects.get(product=small).num_allocated == 2
    # The browser comes back: the same order.
    assert client.get(returned(attempt.payment_intent_id))["Location"] == THANK_YOU
    assert Order.objects.filter(basket=basket).count() == 1
    assert Source.objects.get(order=order).amount_debited == 530000


def test_a_payment_whose_stock_ran_out_during_3ds_is_refunded_and_the_basket_reopened(
    shop, held_webhooks
):
    small, _extra = shop
    client = Client()
    basket, attempt = start_3ds(client, small, 2)
    # Another buyer takes four of the five units meanwhile.
    StockRecord.objects.filter(product=small).update(num_allocated=4)
    assert authenticate(attempt.payment_intent_id).status_code == 200
    assert deliver(client, held_webhooks.wait(attempt.payment_intent_id)).status_code == 200

    assert [r["amount"] for r in refunds(attempt.payment_intent_id)] == [530000]
    attempt.refresh_from_db()
    assert attempt.status == "failed" and attempt.refund_id and attempt.order is None
    assert not Order.objects.filter(basket=basket).exists()
    assert StockRecord.objects.get(product=small).num_allocated == 4
    basket.refresh_from_db()
    assert (basket.status, basket.num_items) == ("Open", 2)
    response = client.get(returned(attempt.payment_intent_id), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == BASKET
    assert "refunded in full" in client.get(BASKET, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(refunds(attempt.payment_intent_id)) == 1


def test_a_retry_after_an_abandoned_3ds_supersedes_the_first_payment_and_keeps_its_record(
    shop, held_webhooks
):
    small, _extra = shop
    client = Client()
    basket, first = start_3ds(client, small)

    # The buyer closes the bank's window. Coming back, the basket is not reopened...
    response = client.get(returned(first.payment_intent_id), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "Payment in progress" in response.content.decode()
    assert "3-D Secure" in response.content.decode()
    basket.refresh_from_db()
    assert basket.status == "Frozen"
    # ...and the card page offers to pay for it again (in Vietnamese by default).
    page = client.get(CARD_PAGE).content.decode()
    assert "Một lần thanh toán thẻ trước" in page and "280.000" in page

    assert pay(client, VISA)["Location"] == THANK_YOU
    order = Order.objects.get(basket=basket)
    first.refresh_from_db()
    assert first.status == "superseded" and first.order is None
    second = StripeCheckout.objects.get(order=order)
    assert order.total_incl_tax == second.amount == 280000
    # The first payment was cancelled at Stripe: the bank can no longer complete it.
    assert cards.retrieve(first.payment_intent_id).status == "canceled"
    assert authenticate(first.payment_intent_id).status_code == 400
    assert refunds(first.payment_intent_id) == []


def test_a_late_success_of_a_superseded_payment_is_refunded(shop, held_webhooks):
    small, _extra = shop
    client = Client()
    flows.add_to_basket(client, small)
    flows.checkout(client, payment_method="card")
    response = pay(client, PROCESSING)  # the bank takes its time
    assert response.status_code == 200
    basket = flows.basket_of(client)
    first = StripeCheckout.objects.get(basket=basket)
    assert cards.retrieve(first.payment_intent_id).status == "processing"

    # The buyer gives up waiting and pays with another card: the first cannot be cancelled.
    assert pay(client, VISA)["Location"] == THANK_YOU
    first.refresh_from_db()
    assert first.status == "superseded" and not first.refund_id
    order = Order.objects.get(basket=basket)

    # The first payment succeeds after all: it is refunded, once, and changes no order.
    settle(first.payment_intent_id)
    body = held_webhooks.wait(first.payment_intent_id)
    for _ in range(2):
        assert deliver(client, body).status_code == 200
    assert [r["amount"] for r in refunds(first.payment_intent_id)] == [280000]
    first.refresh_from_db()
    assert first.status == "superseded" and first.refund_id and first.order is None
    assert Order.objects.filter(basket=basket).count() == 1
    order.refresh_from_db()
    assert order.payment_events.count() == 1 and order.total_incl_tax == 280000


def test_card_return_while_processing_keeps_the_basket_frozen_until_the_payment_succeeds(
    shop, held_webhooks
):
    small, _extra = shop
    client = Client()
    flows.add_to_basket(client, small, 2)
    flows.checkout(client, payment_method="card")
    response = pay(client, PROCESSING)
    page = response.content.decode()
    assert response.status_code == 200 and 'http-equiv="refresh"' in page
    assert "Ngân hàng của bạn đang xử lý" in page
    basket = flows.basket_of(client)
    attempt = StripeCheckout.objects.get(basket=basket)

    for _ in range(2):
        response = client.get(returned(attempt.payment_intent_id), HTTP_ACCEPT_LANGUAGE="en")
        assert "Your bank is processing the payment" in response.content.decode()
        basket.refresh_from_db()
        attempt.refresh_from_db()
        assert (basket.status, attempt.status) == ("Frozen", "open")

    settle(attempt.payment_intent_id)
    assert client.get(returned(attempt.payment_intent_id))["Location"] == THANK_YOU
    order = Order.objects.get(basket=basket)
    assert order.is_paid and order.total_incl_tax == attempt.amount == 530000
    basket.refresh_from_db()
    assert basket.status == "Submitted"
    # Its webhook comes later and changes nothing.
    assert deliver(client, held_webhooks.wait(attempt.payment_intent_id)).status_code == 200
    assert Order.objects.filter(basket=basket).count() == 1
    assert order.payment_events.count() == 1


def test_an_abandoned_3ds_unfreezes_the_basket_after_the_timeout(shop, held_webhooks, settings):
    small, _extra = shop
    client = Client()
    basket, attempt = start_3ds(client, small, 3)

    assert expire_card_intents.apply().get() == 0  # not yet
    basket.refresh_from_db()
    assert basket.status == "Frozen"
    assert settings.CELERY_BEAT_SCHEDULE["expire-abandoned-card-payments"]["task"] == (
        expire_card_intents.name
    )

    minutes = settings.OCOP_CARD_INTENT_TIMEOUT_MINUTES + 1
    StripeCheckout.objects.filter(pk=attempt.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    assert expire_card_intents.apply().get() == 1
    attempt.refresh_from_db()
    basket.refresh_from_db()
    assert attempt.status == "expired" and StripeCheckout.objects.filter(pk=attempt.pk).exists()
    assert (basket.status, basket.num_items) == ("Open", 3)
    assert cards.retrieve(attempt.payment_intent_id).status == "canceled"
    assert authenticate(attempt.payment_intent_id).status_code == 400
    call_command("expire_card_intents", stdout=open("/dev/null", "w"))  # nothing left to do
    attempt.refresh_from_db()
    assert attempt.status == "expired"
    # The buyer has the basket back and can pay for it.
    assert small.get_title() in client.get(BASKET).content.decode()
    flows.checkout(client, payment_method="card")
    assert pay(client, VISA)["Location"] == THANK_YOU
    assert Order.objects.get(basket=basket).total_incl_tax == 3 * 250000 + 30000


def test_replayed_and_out_of_order_webhooks_place_one_order(shop, held_webhooks):
    small, _extra = shop
    client = Client()
    flows.add_to_basket(client, small)
    basket = flows.basket_of(client)
    details = CheckoutDetails(
        **{**flows.ADDRESS, "phone": "+84912345678", "payment_method": "card"}
    )
    intent = cards.start(
        basket=basket, details=details, user=None, payment_method_id=payment_method(VISA)
    )
    assert intent.status == "succeeded"  # the browser never comes back
    body = held_webhooks.wait(intent.id)

    # A failure for the same intent arrives first: checked against Stripe, it undoes nothing.
    failed = json.dumps(
        json.loads(body)
        | {"id": f"evt_failed_{intent.id}", "type": "payment_intent.payment_failed"}
    )
    assert deliver(client, failed).status_code == 200
    # Then the success, three times at once, and once more.
    statuses = at_once(*[lambda: deliver(Client(), body).status_code] * 3, timeout=60)
    assert statuses == [200, 200, 200]
    assert deliver(client, body).status_code == 200

    order = Order.objects.get(basket=basket)
    assert order.is_paid and order.total_incl_tax == intent.amount == 280000
    assert order.payment_events.count() == 1 and Source.objects.filter(order=order).count() == 1
    assert refunds(intent.id) == []
    assert StripeEvent.objects.filter(payment_intent_id=intent.id).count() == 2
    # Someone else's browser with the intent's id sees no order and changes nothing.
    stranger = Client()
    response = stranger.get(returned(intent.id), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and order.number not in response.content.decode()
    assert "checkout_order_id" not in stranger.session
    assert (
        stranger.post("/shop/checkout/card/cancel/", {"payment_intent": intent.id}).status_code
        == 404
    )


def paid_card_order(item, webhooks) -> tuple[Order, str]:
    """A card payment that succeeded and placed its order (through Stripe's webhook)."""
    client = Client()
    flows.add_to_basket(client, item)
    basket = flows.basket_of(client)
    details = CheckoutDetails(
        **{**flows.ADDRESS, "phone": "+84912345678", "payment_method": "card"}
    )
    intent = cards.start(
        basket=basket, details=details, user=None, payment_method_id=payment_method(VISA)
    )
    assert intent.status == "succeeded"
    assert deliver(client, webhooks.wait(intent.id)).status_code == 200
    order = Order.objects.get(basket=basket)
    assert order.is_paid
    return order, intent.id


def test_a_refund_requested_for_a_card_order_is_made_at_stripe_and_the_order_refunded(
    shop, held_webhooks
):
    small, _extra = shop
    order, intent_id = paid_card_order(small, held_webhooks)

    outcome = order.transition("refund-requested", source="staff", reason="Khách trả hàng")

    assert outcome.changed
    order.refresh_from_db()
    assert order.status == "refunded"
    made = refunds(intent_id)
    assert [refund["amount"] for refund in made] == [int(order.total_incl_tax)] == [280000]
    assert StripeCheckout.objects.get(order=order).refund_id == made[0]["id"]
    history = list(order.transitions.order_by("pk").values_list("to_status", "source"))
    assert history[-2:] == [("refund-requested", "staff"), ("refunded", "card")]
    # Asked again (a retry, a second worker): no second refund, no second change.
    assert payment_cards.refund_order(order.pk) is False
    assert len(refunds(intent_id)) == 1


def test_a_refund_stripe_cannot_make_leaves_the_order_awaiting_it_until_retried(
    shop, held_webhooks, settings
):
    small, _extra = shop
    order, intent_id = paid_card_order(small, held_webhooks)
    stripe_api = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:1"  # Stripe unreachable

    order.transition("refund-requested", source="staff", reason="Khách trả hàng")

    order.refresh_from_db()
    assert order.status == "refund-requested"
    assert StripeCheckout.objects.get(order=order).refund_id == ""
    settings.STRIPE_API_BASE = stripe_api
    assert refunds(intent_id) == []
    assert payment_cards.refund_order(order.pk) is True
    order.refresh_from_db()
    assert order.status == "refunded" and len(refunds(intent_id)) == 1
