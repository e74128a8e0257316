"""Card payments against localstripe (a local fake Stripe started by the suite; no mocks)."""

from __future__ import annotations

import json

import pytest
import requests
from django.test import Client
from oscar.core.loading import get_model

from checkout import cards
from checkout.placement import CheckoutDetails
from tests import flows
from tests.cards import DECLINED_ON_CHARGE, VISA, WEBHOOK, payment_method, signed, wait_for
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

Order = get_model("order", "Order")
StripeCheckout = get_model("payment", "StripeCheckout")
StripeEvent = get_model("payment", "StripeEvent")
Source = get_model("payment", "Source")


@pytest.fixture
def committed_item(committed_db):
    partner = CooperativeFactory(flat_rate=30000)
    yield ProductFactory(partner=partner, price=250000, stock=4)
    remove_cooperatives(partner)


def test_a_card_payment_places_one_paid_order_and_replayed_events_change_nothing(
    stripe_webhooks, committed_item, localstripe
):
    client = Client()
    flows.add_to_basket(client, committed_item)
    assert flows.checkout(client, payment_method="card")["Location"] == "/shop/checkout/card/"
    page = client.get("/shop/checkout/card/").content.decode()
    assert "pk_test_ocop" in page and "280.000" in page

    response = client.post(
        "/shop/checkout/card/", {"payment_method_id": payment_method(VISA), "total": "1"}
    )
    assert response["Location"] == "/shop/checkout/thank-you/"
    order = Order.objects.get(lines__product=committed_item)
    assert order.is_paid and order.status == "paid" and order.payment_method == "card"
    checkout = StripeCheckout.objects.get(order=order)
    intent = cards.retrieve(checkout.payment_intent_id)
    assert (intent.amount, intent.currency, intent.status) == (280000, "vnd", "succeeded")

    # localstripe delivers payment_intent.succeeded to the live site about a second later.
    wait_for(lambda: StripeEvent.objects.filter(payment_intent_id=intent.id).exists())
    event_id = StripeEvent.objects.get(payment_intent_id=intent.id).event_id
    body = requests.get(
        f"{localstripe}/v1/events/{event_id}", auth=("sk_test_ocop", ""), timeout=10
    ).text
    for _ in range(2):  # the same event delivered twice more
        assert (
            client.post(
                WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(body)
            ).status_code
            == 200
        )
    # An out-of-order failure for the same intent does not undo the payment either.
    failed = json.loads(body) | {"id": "evt_out_of_order", "type": "payment_intent.payment_failed"}
    failed_body = json.dumps(failed)
    client.post(
        WEBHOOK,
        failed_body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(failed_body),
    )

    assert Order.objects.filter(lines__product=committed_item).count() == 1
    order.refresh_from_db()
    assert order.is_paid and order.payment_events.count() == 1
    assert Source.objects.filter(order=order).count() == 1
    assert flows.basket_of(client).status == "Submitted"


def test_the_webhook_places_the_order_when_the_browser_never_comes_back(
    stripe_webhooks, committed_item
):
    client = Client()
    flows.add_to_basket(client, committed_item, 2)
    basket = flows.basket_of(client)
    details = CheckoutDetails(
        **{**flows.ADDRESS, "phone": "+84912345678", "payment_method": "card"}
    )
    intent = cards.start(
        basket=basket, details=details, user=None, payment_method_id=payment_method(VISA)
    )
    assert intent.status == "succeeded"
    assert not Order.objects.filter(lines__product=committed_item).exists()
    session = client.session
    session["ocop_card_intents"] = [intent.id]  # started in this browser, as the card page does
    session.save()

    wait_for(
        lambda: StripeCheckout.objects.filter(
            payment_intent_id=intent.id, order__isnull=False
        ).exists()
    )
    order = Order.objects.get(lines__product=committed_item)
    assert order.is_paid and order.total_incl_tax == 530000

    # The browser returns after all: same order, nothing placed twice.
    response = client.get(f"/shop/checkout/card/return/?payment_intent={intent.id}")
    assert response["Location"] == "/shop/checkout/thank-you/"
    assert Order.objects.filter(lines__product=committed_item).count() == 1
    assert order.payment_events.count() == 1


@pytest.mark.django_db
def test_a_declined_card_leaves_no_order_and_the_basket_intact(stripe_keys, anonymous_client):
    item = ProductFactory(partner=CooperativeFactory(), price=99000)
    flows.add_to_basket(anonymous_client, item, 2)
    flows.checkout(anonymous_client, payment_method="card")
    response = anonymous_client.post(
        "/shop/checkout/card/",
        {"payment_method_id": payment_method(DECLINED_ON_CHARGE)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Location"] == "/shop/checkout/card/"
    assert (
        "Your card was declined"
        in anonymous_client.get("/shop/checkout/card/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert not Order.objects.filter(lines__product=item).exists()
    basket = flows.basket_of(anonymous_client)
    assert basket.status == "Open" and basket.num_items == 2
    assert StripeCheckout.objects.get(basket=basket).status == "failed"


@pytest.mark.django_db
def test_a_webhook_with_a_bad_signature_gets_400_and_changes_nothing(stripe_keys, anonymous_client):
    body = json.dumps(
        {
            "id": "evt_forged",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {
                "object": {
                    "id": "pi_forged",
                    "object": "payment_intent",
                    "amount": 1,
                    "status": "succeeded",
                }
            },
        }
    )
    for header in ["", "t=1,v1=00", signed(body, secret="whsec_wrong")]:
        response = anonymous_client.post(
            WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )
        assert response.status_code == 400
    assert not StripeEvent.objects.filter(event_id="evt_forged").exists()


@pytest.mark.django_db
def test_the_card_option_is_hidden_without_stripe_keys(anonymous_client, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    flows.add_to_basket(anonymous_client, ProductFactory(partner=CooperativeFactory()))
    page = anonymous_client.get("/shop/checkout/").content.decode()
    assert 'value="cod"' in page and 'value="card"' not in page
    assert anonymous_client.get("/shop/checkout/card/").status_code == 404
