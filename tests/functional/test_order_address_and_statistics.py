"""A mixed order's delivery address is staff's to change; a cooperative's statistics are its own.

One address serves every cooperative in a mixed order, so a cooperative only reads it (in
the order page and its shipment page); the order statistics count only its own lines.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import (
    CooperativeFactory,
    OrderFactory,
    ProductFactory,
    ShippingAddressFactory,
)
from tests.flows import signed_in

pytestmark = pytest.mark.django_db

Line = get_model("order", "Line")
OrderNote = get_model("order", "OrderNote")


@pytest.fixture
def mixed_order(coop_a_user, coop_b_user):
    a_product = ProductFactory(partner=coop_a_user.partners.get())
    b_product = ProductFactory(partner=coop_b_user.partners.get())
    address = ShippingAddressFactory(line1="12 Tràng Tiền")
    return OrderFactory(products=[a_product, b_product], shipping_address=address)


def address_url(order) -> str:
    return reverse("dashboard:order-shipping-address", kwargs={"number": order.number})


def form_data(client, order, **changes) -> dict:
    """The address form as staff sees it, with `changes`."""
    form = client.get(address_url(order)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_cooperative_cannot_change_a_mixed_orders_address(
    mixed_order, coop_a_client, staff_client
):
    data = form_data(staff_client, mixed_order, line1="1 Đường Giả")
    before = list(
        type(mixed_order.shipping_address)
        .objects.filter(pk=mixed_order.shipping_address_id)
        .values()
    )

    assert coop_a_client.get(address_url(mixed_order)).status_code == 403
    assert coop_a_client.post(address_url(mixed_order), data).status_code == 403

    after = list(
        type(mixed_order.shipping_address)
        .objects.filter(pk=mixed_order.shipping_address_id)
        .values()
    )
    assert after == before
    assert not OrderNote.objects.filter(order=mixed_order).exists()


def test_staff_still_change_the_address(mixed_order, staff_client):
    data = form_data(staff_client, mixed_order, line1="1 Đường Mới")
    response = staff_client.post(address_url(mixed_order), data)
    assert response.status_code == 302
    mixed_order.shipping_address.refresh_from_db()
    assert mixed_order.shipping_address.line1 == "1 Đường Mới"
    assert OrderNote.objects.filter(order=mixed_order, message__contains="1 Đường Mới").exists()


def test_a_cooperative_reads_the_address_in_its_order_page(mixed_order, coop_a_client):
    response = coop_a_client.get(
        reverse("dashboard:order-detail", kwargs={"number": mixed_order.number}), follow=True
    )
    html = response.content.decode()
    assert "12 Tràng Tiền" in html
    assert address_url(mixed_order) not in html


def test_a_cooperative_reads_the_address_in_its_shipment_page(
    mixed_order, coop_a_client, coop_a_user
):
    shipment = mixed_order.shipments.get(partner__users=coop_a_user)
    response = coop_a_client.get(reverse("order-fulfilment:shipment", kwargs={"pk": shipment.pk}))
    assert response.status_code == 200
    assert "12 Tràng Tiền" in response.content.decode()


# STATISTICS


@pytest.fixture
def cooperative_c():
    """A fresh cooperative, so that its figures are exactly this test's order."""
    return CooperativeFactory()


def test_statistics_count_only_the_cooperatives_own_lines(cooperative_c, coop_b_user):
    c_product = ProductFactory(partner=cooperative_c, price=120000)
    b_product = ProductFactory(partner=coop_b_user.partners.get(), price=450000)
    order = OrderFactory(products=[c_product, b_product], quantities=[2, 3])
    assert order.total_incl_tax >= Decimal(2 * 120000 + 3 * 450000)

    stats = signed_in(cooperative_c.users.get()).get(reverse("dashboard:order-stats")).context

    assert stats["total_orders"] == 1
    assert stats["total_lines"] == 1
    assert stats["total_revenue"] == Decimal(240000)
    assert list(stats["order_status_breakdown"]) == [{"status": order.status, "freq": 1}]


def test_statistics_filtered_by_date_still_count_own_lines(cooperative_c, coop_b_user):
    c_product = ProductFactory(partner=cooperative_c, price=80000)
    b_product = ProductFactory(partner=coop_b_user.partners.get(), price=300000)
    order = OrderFactory(products=[c_product, b_product])
    day = timezone.localdate(order.date_placed).isoformat()
    client = signed_in(cooperative_c.users.get())

    stats = client.get(reverse("dashboard:order-stats"), {"date_from": day, "date_to": day}).context
    assert (stats["total_orders"], stats["total_lines"], stats["total_revenue"]) == (
        1,
        1,
        Decimal(80000),
    )
    stats = client.get(reverse("dashboard:order-stats"), {"date_to": "2000-01-01"}).context
    assert (stats["total_orders"], stats["total_lines"], stats["total_revenue"]) == (0, 0, 0)


def test_staff_statistics_count_whole_orders(cooperative_c, coop_b_user, staff_client):
    c_product = ProductFactory(partner=cooperative_c, price=120000)
    b_product = ProductFactory(partner=coop_b_user.partners.get(), price=450000)
    order = OrderFactory(products=[c_product, b_product])
    day = timezone.localdate(order.date_placed).isoformat()

    stats = staff_client.get(
        reverse("dashboard:order-stats"), {"date_from": day, "date_to": day}
    ).context

    Order = type(order)
    same_day = Order.objects.filter(date_placed__date=timezone.localdate(order.date_placed))
    assert stats["total_orders"] == same_day.count()
    assert stats["total_revenue"] == sum(o.total_incl_tax for o in same_day)
    assert stats["total_lines"] == Line.objects.filter(order__in=same_day).count()
