"""A mixed order in the dashboard: each cooperative handles it on its own shipment page, with
only its own lines and its own subtotal; Oscar's order pages are staff's."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import OrderFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_order(coop_a_user, coop_b_user):
    a_product = ProductFactory(partner=coop_a_user.partners.get())
    b_product = ProductFactory(partner=coop_b_user.partners.get())
    return OrderFactory(products=[a_product, b_product], quantities=[2, 3])


def test_cooperative_a_is_sent_to_its_shipment_with_only_its_lines_and_subtotal(
    mixed_order, coop_a_client, coop_a_user
):
    a_line = mixed_order.lines.get(partner__users=coop_a_user)
    b_line = mixed_order.lines.exclude(pk=a_line.pk).get()
    shipment = mixed_order.shipments.get(partner__users=coop_a_user)
    response = coop_a_client.get(
        reverse("dashboard:order-detail", kwargs={"number": mixed_order.number}), follow=True
    )
    assert response.redirect_chain == [
        (reverse("order-fulfilment:shipment", args=[shipment.pk]), 302)
    ]
    assert [line.title for line in response.context["lines"]] == [a_line.title]
    assert response.context["shipment"].subtotal == a_line.line_price_incl_tax
    html = response.content.decode()
    assert a_line.title in html
    assert b_line.title not in html
    assert b_line.partner_name not in html
    assert mixed_order.total_incl_tax != a_line.line_price_incl_tax
    assert "Order total" not in html and "Tổng đơn hàng" not in html


def test_staff_see_every_line_and_the_order_total(mixed_order, staff_client):
    response = staff_client.get(
        reverse("dashboard:order-detail", kwargs={"number": mixed_order.number})
    )
    assert len(response.context["lines"]) == 2
    assert not response.context["partner_scope"]


def test_the_order_list_sends_a_cooperative_to_its_shipments_and_their_own_share(
    mixed_order, coop_a_client, coop_a_user
):
    a_line = mixed_order.lines.get(partner__users=coop_a_user)
    response = coop_a_client.get(reverse("dashboard:order-list"), follow=True)
    assert response.redirect_chain == [(reverse("order-fulfilment:list"), 302)]
    row = next(
        s for s in response.context["shipments"] if str(s.order.number) == str(mixed_order.number)
    )
    assert row.subtotal == a_line.line_price_incl_tax
    csv = coop_a_client.get(
        reverse("dashboard:order-list") + "?response_format=csv", follow=True
    ).content.decode("utf-8-sig")
    assert (
        str(mixed_order.total_incl_tax.quantize(Decimal(1)))
        not in csv.split(str(mixed_order.number))[1].split("\n")[0]
    )


def test_a_cooperative_cannot_change_the_whole_orders_status(mixed_order, coop_a_client):
    url = reverse("dashboard:order-detail", kwargs={"number": mixed_order.number})
    before = mixed_order.status
    coop_a_client.post(url, {"order_action": "change_order_status", "new_status": "Cancelled"})
    coop_a_client.post(
        reverse("dashboard:order-list"),
        {
            "action": "change_order_statuses",
            "selected_order": [mixed_order.pk],
            "new_status": "Cancelled",
        },
    )
    mixed_order.refresh_from_db()
    assert mixed_order.status == before


def test_a_cooperative_cannot_act_on_another_cooperatives_line(
    mixed_order, coop_a_client, coop_b_user
):
    b_line = mixed_order.lines.get(partner__users=coop_b_user)
    before = b_line.status
    coop_a_client.post(
        reverse("dashboard:order-detail", kwargs={"number": mixed_order.number}),
        {
            "line_action": "change_line_statuses",
            "selected_line": [b_line.pk],
            f"selected_line_qty_{b_line.pk}": "1",
            "new_status": "Shipped",
        },
    )
    b_line.refresh_from_db()
    assert b_line.status == before


def test_the_dashboard_home_counts_only_the_cooperatives_own_sales(
    mixed_order, coop_a_client, coop_a_user, staff_client
):
    a_line = mixed_order.lines.get(partner__users=coop_a_user)
    own = coop_a_client.get(reverse("dashboard:index")).context
    everything = staff_client.get(reverse("dashboard:index")).context
    assert everything["total_revenue"] - own["total_revenue"] >= (
        mixed_order.total_incl_tax - a_line.line_price_incl_tax
    )
    assert own["total_revenue_last_day"] == a_line.line_price_incl_tax + sum(
        line.line_price_incl_tax
        for line in a_line.partner.order_lines.exclude(pk=a_line.pk).filter(
            order__date_placed__gt=mixed_order.date_placed - timedelta(hours=24)
        )
    )
    hourly = own["hourly_report_dict"]["order_total_hourly"]
    assert sum(item["total_incl_tax"] for item in hourly) <= own["total_revenue_last_day"]
    assert mixed_order.total_incl_tax not in [item["total_incl_tax"] for item in hourly]
