"""No overselling: 20 buyers race for 5 units; cancelled orders give their stock back."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from tests import flows
from tests.concurrency import each_at_once
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

BUYERS, UNITS = 20, 5


@pytest.fixture
def scarce_product(committed_db):
    partner = CooperativeFactory()
    item = ProductFactory(partner=partner, price=200000, stock=UNITS)
    yield item
    remove_cooperatives(partner)


def test_twenty_buyers_racing_for_five_units_get_exactly_five_orders(scarce_product):
    """On PostgreSQL the stock row is locked with SELECT … FOR UPDATE; on SQLite the
    IMMEDIATE transactions of the settings serialise the buyers. Either way: five orders."""
    clients = [Client() for _ in range(BUYERS)]
    for client in clients:
        assert flows.add_to_basket(client, scarce_product).status_code == 302

    def buy(i: int) -> str:
        return flows.checkout(clients[i], email=f"buyer{i}@example.vn")["Location"]

    results = each_at_once(buy, BUYERS)
    assert results.count("/shop/checkout/thank-you/") == UNITS
    assert results.count("/shop/basket/") == BUYERS - UNITS
    assert Order.objects.filter(lines__product=scarce_product).count() == UNITS
    record = StockRecord.objects.get(product=scarce_product)
    assert (record.num_in_stock, record.num_allocated) == (UNITS, UNITS)
    for i, client in enumerate(clients):
        if results[i] != "/shop/basket/":
            continue
        page = client.get("/shop/basket/").content.decode()
        # Out of stock, in Vietnamese: caught when the order is placed, or by the basket check before it.
        assert "không đủ hàng" in page or "hết hàng" in page
        basket = flows.basket_of(client)
        assert basket.status == "Open" and basket.num_items == 1  # the basket is kept
    if settings.IS_POSTGRES:
        assert connection.vendor == "postgresql"
    else:
        assert (
            connection.features.supports_transactions
            and settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        )


@pytest.mark.django_db
def test_cancelling_an_order_releases_its_stock(anonymous_client):
    partner = CooperativeFactory()
    item = ProductFactory(partner=partner, stock=3)
    flows.add_to_basket(anonymous_client, item, 3)
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=item)
    assert StockRecord.objects.get(product=item).num_allocated == 3
    order.cancel("buyer changed their mind")
    record = StockRecord.objects.get(product=item)
    assert (record.num_in_stock, record.num_allocated) == (3, 0)
    assert order.status == "cancelled"
    assert set(order.shipments.values_list("status", flat=True)) == {"cancelled"}


@pytest.mark.django_db
def test_an_unpaid_transfer_expires_and_releases_its_stock(anonymous_client, settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    partner = CooperativeFactory()
    item = ProductFactory(partner=partner, stock=2)
    flows.add_to_basket(anonymous_client, item, 2)
    flows.checkout(anonymous_client, payment_method="bank_transfer")
    order = Order.objects.get(lines__product=item)
    call_command("expire_unpaid_orders", verbosity=0)
    order.refresh_from_db()
    assert order.status == "awaiting-transfer"  # not yet expired
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now()
        - datetime.timedelta(hours=settings.OCOP_TRANSFER_EXPIRY_HOURS + 1)
    )
    call_command("expire_unpaid_orders", verbosity=0)
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert StockRecord.objects.get(product=item).num_allocated == 0


@pytest.mark.django_db
def test_the_hourly_task_cancels_expired_transfers_too(anonymous_client, settings):
    import datetime

    from django.utils import timezone

    from order.tasks import expire_unpaid_orders

    assert settings.CELERY_BEAT_SCHEDULE["expire-unpaid-bank-transfers"]["task"] == (
        expire_unpaid_orders.name
    )
    item = ProductFactory(partner=CooperativeFactory(), stock=1)
    flows.add_to_basket(anonymous_client, item, 1)
    flows.checkout(anonymous_client, payment_method="bank_transfer")
    order = Order.objects.get(lines__product=item)
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now()
        - datetime.timedelta(hours=settings.OCOP_TRANSFER_EXPIRY_HOURS + 1)
    )
    assert expire_unpaid_orders.apply().get() == 1
    order.refresh_from_db()
    assert order.status == "cancelled"
