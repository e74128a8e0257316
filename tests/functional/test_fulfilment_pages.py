"""The Shipments pages of the dashboard: who sees what, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core import mail
from oscar.core.loading import get_model

from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _orders(client, item, count: int) -> None:
    for _ in range(count):
        flows.add_to_basket(client, item)
        flows.checkout(client)


@pytest.mark.parametrize("count", [1, 8])
def test_the_shipment_list_takes_a_fixed_number_of_queries(
    anonymous_client, coop_a_client, coop_a_user, django_assert_max_num_queries, count
):
    item = ProductFactory(partner=CooperativeFactory(users=[coop_a_user]), stock=20)
    _orders(anonymous_client, item, count)
    with django_assert_max_num_queries(25):
        response = coop_a_client.get("/dashboard/shipments/")
    assert response.content.decode().count("/dashboard/shipments/") >= count


def test_the_shipment_page_takes_a_fixed_number_of_queries(
    anonymous_client, coop_a_client, coop_a_user, django_assert_max_num_queries
):
    item = ProductFactory(partner=CooperativeFactory(users=[coop_a_user]), stock=20)
    flows.add_to_basket(anonymous_client, item, 3)
    flows.checkout(anonymous_client)
    shipment = Order.objects.get(lines__product=item).shipments.get()
    with django_assert_max_num_queries(25):
        assert coop_a_client.get(f"/dashboard/shipments/{shipment.pk}/").status_code == 200


def test_anonymous_visitors_and_buyers_cannot_open_the_shipments(anonymous_client, buyer_client):
    assert anonymous_client.get("/dashboard/shipments/")["Location"].startswith("/dashboard/login/")
    assert buyer_client.get("/dashboard/shipments/").status_code == 404


def test_the_dashboard_menu_links_to_the_shipments(coop_a_client, staff_client):
    assert "/dashboard/shipments/" in coop_a_client.get("/dashboard/").content.decode()
    assert "/dashboard/shipments/" in staff_client.get("/dashboard/").content.decode()


def test_the_buyer_gets_emails_in_the_language_they_shopped_in(
    anonymous_client, coop_a_client, coop_a_user, django_capture_on_commit_callbacks
):
    item = ProductFactory(partner=CooperativeFactory(users=[coop_a_user]))
    anonymous_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    flows.add_to_basket(anonymous_client, item)
    with django_capture_on_commit_callbacks(execute=True):
        flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=item)
    assert order.language == "en"
    buyer_mail = [m for m in mail.outbox if m.to == [flows.ADDRESS["email"]]]
    assert buyer_mail[0].subject == f"Your OCOP Marketplace order {order.number}"
    cooperative_mail = [m for m in mail.outbox if m.to == [coop_a_user.email]]
    assert len(cooperative_mail) == 1 and item.title in cooperative_mail[0].body
    shipment = order.shipments.get()
    with django_capture_on_commit_callbacks(execute=True):
        coop_a_client.post(f"/dashboard/shipments/{shipment.pk}/", {"action": "confirmed"})
    assert mail.outbox[-1].subject == f"Order {order.number}: Confirmed"
