"""Bad input at checkout gets a clear message and changes nothing."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return ProductFactory(partner=CooperativeFactory(), price=80000, stock=3)


@pytest.fixture
def guest_with_basket(anonymous_client, item):
    flows.add_to_basket(anonymous_client, item, 1)
    return anonymous_client


def _no_order(item) -> bool:
    return not Order.objects.filter(lines__product=item).exists() and StockRecord.objects.get(
        product=item
    ).num_allocated in (0, None)


def test_an_invalid_phone_number_is_refused(guest_with_basket, item):
    response = flows.checkout(guest_with_basket, phone="12345", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Enter a Vietnamese phone number" in response.content.decode()
    assert _no_order(item)


def test_a_foreign_phone_number_is_refused(guest_with_basket, item):
    response = flows.checkout(
        guest_with_basket, phone="+33 6 12 34 56 78", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Enter a Vietnamese phone number" in response.content.decode()
    assert _no_order(item)


def test_a_commune_outside_the_province_is_refused(guest_with_basket, item):
    # 00070 is Phường Hoàn Kiếm in Hà Nội (01), not in Thành phố Hồ Chí Minh (79).
    response = flows.checkout(guest_with_basket, province_code="79", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This commune is not in the chosen province." in response.content.decode()
    assert _no_order(item)


def test_an_unknown_payment_method_is_refused(guest_with_basket, item):
    response = flows.checkout(guest_with_basket, payment_method="card")  # no Stripe keys configured
    assert response.status_code == 200
    assert _no_order(item)


def test_a_quantity_above_stock_is_refused_at_the_basket_and_at_checkout(anonymous_client, item):
    anonymous_client.post(f"/shop/basket/add/{item.pk}/", {"quantity": 5})
    basket = (
        flows.basket_of(anonymous_client)
        if anonymous_client.cookies.get("oscar_open_basket")
        else None
    )
    assert basket is None or basket.num_items == 0
    # Even if the stock falls after the basket was filled, checkout refuses with a message.
    flows.add_to_basket(anonymous_client, item, 3)
    StockRecord.objects.filter(product=item).update(num_in_stock=2)
    response = anonymous_client.get("/shop/checkout/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/shop/basket/"
    response = flows.checkout(anonymous_client, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/shop/basket/"
    assert _no_order(item)
    assert flows.basket_of(anonymous_client).num_items == 3


def test_a_negative_quantity_is_refused(anonymous_client, item):
    response = anonymous_client.post(f"/shop/basket/add/{item.pk}/", {"quantity": -2})
    assert response.status_code in (200, 302)
    cookie = anonymous_client.cookies.get("oscar_open_basket")
    assert cookie is None or flows.basket_of(anonymous_client).num_items == 0
    assert anonymous_client.get("/shop/checkout/")["Location"] == "/shop/basket/"
    assert _no_order(item)


def test_a_tampered_order_status_link_is_refused(guest_with_basket, item):
    flows.checkout(guest_with_basket)
    order = Order.objects.get(lines__product=item)
    good = f"/shop/checkout/order-status/{order.number}/{order.verification_hash()}/"
    assert guest_with_basket.get(good).status_code == 200
    tampered = good.replace(order.verification_hash(), order.verification_hash()[:-2] + "xx")
    response = guest_with_basket.get(tampered, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This order-status link is not valid" in response.content.decode()
    other = guest_with_basket.get(
        f"/shop/checkout/order-status/{int(order.number) + 1}/{order.verification_hash()}/"
    )
    assert other.status_code == 404


def test_a_signed_in_buyer_reuses_a_saved_address(buyer_client, buyer, item):
    flows.add_to_basket(buyer_client, item, 1)
    flows.checkout(buyer_client, email="")
    order = Order.objects.get(lines__product=item)
    assert order.user == buyer and order.email == buyer.email
    saved = buyer.addresses.filter(line1=flows.ADDRESS["street"], line3="Phường Hoàn Kiếm").first()
    flows.add_to_basket(buyer_client, item, 1)
    page = buyer_client.get(f"/shop/checkout/?address={saved.pk}").content.decode()
    assert 'value="00070" selected' in page and flows.ADDRESS["street"] in page
