"""Cash on delivery without hoarding: guests' unconfirmed orders expire, and checkout is
rate-limited per visitor address and per phone number."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from order.expiry import expire_unpaid_orders
from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def age(order, hours: int) -> None:
    """Move the order's placing back by `hours` (freezing time the way expiry reads it)."""
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - datetime.timedelta(hours=hours)
    )


def allocated(item) -> int:
    return StockRecord.objects.get(product=item).num_allocated


@pytest.fixture
def two_cooperatives(coop_a_user, coop_b_user):
    a = CooperativeFactory(users=[coop_a_user], flat_rate=0)
    b = CooperativeFactory(users=[coop_b_user], flat_rate=0)
    return (
        ProductFactory(partner=a, price=100000, stock=5),
        ProductFactory(partner=b, price=80000, stock=5),
    )


def test_a_guests_unconfirmed_cash_order_expires_after_the_window(
    anonymous_client, two_cooperatives, settings
):
    tea, _sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 3)
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=tea)
    assert allocated(tea) == 3

    age(order, settings.OCOP_COD_CONFIRM_HOURS - 1)
    assert expire_unpaid_orders() == 0
    order.refresh_from_db()
    assert order.status == "awaiting-delivery-payment"

    age(order, settings.OCOP_COD_CONFIRM_HOURS + 1)
    assert expire_unpaid_orders() == 1
    order.refresh_from_db()
    assert order.status == "cancelled" and allocated(tea) == 0
    assert set(order.shipments.values_list("status", flat=True)) == {"cancelled"}
    row = order.transitions.get(to_status="cancelled")
    assert (row.source, row.by, row.reason) == (
        "expiry",
        None,
        "No cooperative confirmed the order in time.",
    )
    assert expire_unpaid_orders() == 0  # once


def test_a_cash_order_the_cooperative_confirmed_does_not_expire(
    anonymous_client, coop_a_client, two_cooperatives, settings
):
    tea, _sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 2)
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=tea)
    shipment = order.shipments.get()
    page = coop_a_client.get(f"/dashboard/shipments/{shipment.pk}/").content.decode()
    assert 'class="alert alert-warning confirm-by"' in page  # the cooperative is told when
    coop_a_client.post(f"/dashboard/shipments/{shipment.pk}/", {"action": "confirmed"})
    page = coop_a_client.get(f"/dashboard/shipments/{shipment.pk}/").content.decode()
    assert "confirm-by" not in page

    age(order, settings.OCOP_COD_CONFIRM_HOURS + 5)
    assert expire_unpaid_orders() == 0
    order.refresh_from_db()
    assert order.status == "awaiting-delivery-payment" and allocated(tea) == 2


def test_only_the_unconfirmed_part_of_a_guests_cash_order_expires(
    anonymous_client, coop_a_client, two_cooperatives, settings
):
    tea, sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 1)
    flows.add_to_basket(anonymous_client, sauce, 2)
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=tea)
    ship_a = order.shipments.get(partner=tea.stockrecords.get().partner)
    coop_a_client.post(f"/dashboard/shipments/{ship_a.pk}/", {"action": "confirmed"})

    age(order, settings.OCOP_COD_CONFIRM_HOURS + 1)
    assert expire_unpaid_orders() == 0
    order.refresh_from_db()
    assert order.status == "awaiting-delivery-payment"
    states = dict(order.shipments.values_list("partner__stockrecords__product", "status"))
    assert states == {tea.pk: "confirmed", sauce.pk: "cancelled"}
    assert (allocated(tea), allocated(sauce)) == (1, 0)


def test_a_signed_in_buyers_cash_order_does_not_expire(buyer_client, two_cooperatives, settings):
    tea, _sauce = two_cooperatives
    flows.add_to_basket(buyer_client, tea, 1)
    flows.checkout(buyer_client)
    order = Order.objects.get(lines__product=tea)
    age(order, settings.OCOP_COD_CONFIRM_HOURS + 1)
    expire_unpaid_orders()
    order.refresh_from_db()
    assert order.status == "awaiting-delivery-payment"


def test_the_hourly_task_expires_cash_orders_too(anonymous_client, two_cooperatives, settings):
    from order.tasks import expire_unpaid_orders as task

    tea, _sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 1)
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=tea)
    age(order, settings.OCOP_COD_CONFIRM_HOURS + 1)
    assert task.apply().get() == 1
    order.refresh_from_db()
    assert order.status == "cancelled"


# Rate limits.


@pytest.fixture
def limits(settings):
    settings.OCOP_CHECKOUT_ORDERS_PER_ADDRESS = 3
    settings.OCOP_CHECKOUT_ORDERS_PER_PHONE = 2
    settings.OCOP_CHECKOUT_LIMIT_SECONDS = 3600
    # Every checkout of a test in one window, even one that runs across the top of the hour.
    with mock.patch("lib.ratelimit.current_window", return_value=490_000):
        yield settings


def buy(client, item, remote_addr: str, **fields):
    """Check out one unit from `remote_addr`; HTTP_* keywords are headers, the rest fields."""
    flows.add_to_basket(client, item, 1)
    headers = {k: fields.pop(k) for k in list(fields) if k.startswith("HTTP_")}
    return client.post(
        "/shop/checkout/", {**flows.ADDRESS, **fields}, REMOTE_ADDR=remote_addr, **headers
    )


def test_checkout_is_limited_per_phone_number(anonymous_client, two_cooperatives, limits):
    tea, _sauce = two_cooperatives
    addresses = iter(f"203.0.113.{n}" for n in range(1, 10))
    for _n in range(2):
        response = buy(anonymous_client, tea, next(addresses))
        assert response["Location"] == "/shop/checkout/thank-you/"
    response = buy(anonymous_client, tea, next(addresses))
    assert response.status_code == 429
    assert "Có quá nhiều đơn hàng với số điện thoại này" in response.content.decode()
    assert Order.objects.filter(lines__product=tea).count() == 2
    assert allocated(tea) == 2  # nothing placed, nothing held
    # Another phone number from another address may still order.
    response = buy(anonymous_client, tea, next(addresses), phone="0987 654 321")
    assert response["Location"] == "/shop/checkout/thank-you/"


def test_checkout_is_limited_per_client_address(anonymous_client, two_cooperatives, limits):
    tea, _sauce = two_cooperatives
    phones = iter(f"091234567{n}" for n in range(10))
    for _n in range(3):
        response = buy(anonymous_client, tea, "198.51.100.7", phone=next(phones))
        assert response["Location"] == "/shop/checkout/thank-you/"
    response = buy(
        anonymous_client,
        tea,
        "198.51.100.7",
        phone=next(phones),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many orders were placed from your connection" in page
    assert "Nothing was ordered" in page
    assert Order.objects.filter(lines__product=tea).count() == 3 and allocated(tea) == 3
    basket = flows.basket_of(anonymous_client)
    assert basket.status == "Open" and basket.num_items == 1  # the basket is kept
