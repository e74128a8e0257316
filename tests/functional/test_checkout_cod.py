"""Buying from two cooperatives in one basket, cash on delivery, and following the shipments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cooperatives(coop_a_user, coop_b_user):
    a = CooperativeFactory(
        name="HTX Chè Tân Cương", flat_rate=30000, free_above=500000, users=[coop_a_user]
    )
    b = CooperativeFactory(
        name="HTX Mắm Cát Hải", flat_rate=25000, free_above=100000, users=[coop_b_user]
    )
    return (
        a,
        ProductFactory(partner=a, price=120000, title="Chè búp Tân Cương"),
        b,
        ProductFactory(partner=b, price=90000, title="Nước mắm Cát Hải"),
    )


def test_a_guest_buys_from_two_cooperatives_with_cash_on_delivery(
    anonymous_client, two_cooperatives, django_capture_on_commit_callbacks
):
    a, tea, b, sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 2)
    flows.add_to_basket(anonymous_client, sauce, 1)

    page = anonymous_client.get("/shop/checkout/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "HTX Chè Tân Cương" in text and "HTX Mắm Cát Hải" in text

    with django_capture_on_commit_callbacks(execute=True):
        response = flows.checkout(anonymous_client)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/shop/checkout/thank-you/"

    order = Order.objects.get(lines__partner=a)
    assert order.payment_method == "cod"
    assert order.status == "awaiting-delivery-payment"
    assert order.guest_email == flows.ADDRESS["email"]
    assert order.customer_notes == flows.ADDRESS["notes"]
    # Tea: 240,000 below its cooperative's 500,000 threshold pays 30,000; sauce: 90,000 below 100,000 pays 25,000.
    charges = {s.partner_id: s.shipping_charge for s in order.shipments.all()}
    assert charges == {a.pk: Decimal(30000), b.pk: Decimal(25000)}
    assert order.shipping_incl_tax == Decimal(55000)
    assert order.total_incl_tax == Decimal(240000 + 90000 + 55000)
    address = order.shipping_address
    assert (address.province_code, address.commune_code) == ("01", "00070")
    assert str(address.phone_number) == "+84912345678"
    assert StockRecord.objects.get(product=tea).num_allocated == 2

    thanks = anonymous_client.get("/shop/checkout/thank-you/").content.decode()
    assert order.number in thanks and "HTX Mắm Cát Hải" in thanks

    subjects = [m.subject for m in mail.outbox]
    assert any(
        order.number in s and m.to == [flows.ADDRESS["email"]]
        for s, m in zip(subjects, mail.outbox, strict=True)
    )
    assert (
        len([m for m in mail.outbox if order.number in m.subject]) == 3
    )  # buyer + one per cooperative


def test_free_shipping_above_a_cooperatives_threshold(anonymous_client, two_cooperatives):
    a, tea, b, sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, sauce, 2)  # 180,000 ≥ 100,000: free
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__partner=b)
    assert order.shipping_incl_tax == Decimal(0)
    assert order.total_incl_tax == Decimal(180000)


def test_totals_and_prices_posted_by_the_browser_are_ignored(anonymous_client, two_cooperatives):
    a, tea, b, sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 1)
    flows.checkout(anonymous_client, total="1000", order_total="1", price="1", shipping_charge="0")
    order = Order.objects.get(lines__partner=a)
    assert order.total_incl_tax == Decimal(150000)


def test_each_cooperative_sees_only_its_lines_and_moves_its_shipment(
    anonymous_client,
    coop_a_client,
    coop_b_client,
    two_cooperatives,
    django_capture_on_commit_callbacks,
):
    a, tea, b, sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 1)
    flows.add_to_basket(anonymous_client, sauce, 1)
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__partner=a)
    ship_a, ship_b = order.shipments.get(partner=a), order.shipments.get(partner=b)

    # Oscar's order page sends each cooperative to its own shipment of the order.
    page_a = coop_a_client.get(f"/dashboard/orders/{order.number}/", follow=True)
    assert page_a.redirect_chain[-1][0] == f"/dashboard/shipments/{ship_a.pk}/"
    page_a = page_a.content.decode()
    assert "Chè búp Tân Cương" in page_a and "Nước mắm Cát Hải" not in page_a
    page_b = coop_b_client.get(f"/dashboard/orders/{order.number}/", follow=True).content.decode()
    assert "Nước mắm Cát Hải" in page_b and "Chè búp Tân Cương" not in page_b
    own = coop_a_client.get(f"/dashboard/shipments/{ship_a.pk}/").content.decode()
    assert "Chè búp Tân Cương" in own and "Nước mắm Cát Hải" not in own
    assert coop_a_client.get(f"/dashboard/shipments/{ship_b.pk}/").status_code == 404
    assert (
        coop_a_client.post(
            f"/dashboard/shipments/{ship_b.pk}/", {"action": "confirmed"}
        ).status_code
        == 404
    )
    listing = coop_a_client.get("/dashboard/shipments/").content.decode()
    assert (
        f"/dashboard/shipments/{ship_a.pk}/" in listing
        and f"/dashboard/shipments/{ship_b.pk}/" not in listing
    )

    status_url = f"/shop/checkout/order-status/{order.number}/{order.verification_hash()}/"
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert (
        anonymous_client.get(status_url, **english).content.decode().count("Awaiting confirmation")
        == 2
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coop_a_client.post(f"/dashboard/shipments/{ship_a.pk}/", {"action": "confirmed"})
        coop_a_client.post(
            f"/dashboard/shipments/{ship_a.pk}/",
            {"action": "shipped", "carrier": "VNPost", "tracking_number": "EG123VN"},
        )
        coop_b_client.post(
            f"/dashboard/shipments/{ship_b.pk}/", {"action": "cancelled", "reason": "Hết hàng"}
        )
    ship_a.refresh_from_db()
    ship_b.refresh_from_db()
    assert (ship_a.status, ship_a.tracking_number) == ("shipped", "EG123VN")
    assert (ship_b.status, ship_b.cancel_reason) == ("cancelled", "Hết hàng")
    assert StockRecord.objects.get(product=sauce).num_allocated == 0  # released
    assert len(mail.outbox) == 3  # one shipment update per change

    status = anonymous_client.get(status_url, **english).content.decode()
    assert (
        "EG123VN" in status
        and "Hết hàng" in status
        and "Shipped" in status
        and "Cancelled" in status
    )

    coop_a_client.post(f"/dashboard/shipments/{ship_a.pk}/", {"action": "delivered"})
    coop_a_client.post(f"/dashboard/shipments/{ship_a.pk}/", {"action": "collect_cash"})
    order.refresh_from_db()
    assert order.is_paid and order.status == "completed"
    tea_stock = StockRecord.objects.get(product=tea)
    assert (tea_stock.num_in_stock, tea_stock.num_allocated) == (9, 0)


def test_a_shipment_cannot_skip_a_step_or_ship_without_tracking(
    anonymous_client, coop_a_client, two_cooperatives
):
    a, tea, b, sauce = two_cooperatives
    flows.add_to_basket(anonymous_client, tea, 1)
    flows.checkout(anonymous_client)
    shipment = Order.objects.get(lines__partner=a).shipments.get()
    response = coop_a_client.post(
        f"/dashboard/shipments/{shipment.pk}/", {"action": "delivered"}, follow=True
    )
    assert response.status_code == 200
    coop_a_client.post(f"/dashboard/shipments/{shipment.pk}/", {"action": "confirmed"})
    coop_a_client.post(
        f"/dashboard/shipments/{shipment.pk}/", {"action": "shipped", "carrier": "VNPost"}
    )
    shipment.refresh_from_db()
    assert shipment.status == "confirmed"


def test_services_such_as_tours_carry_no_shipping_charge(anonymous_client, two_cooperatives):
    a, tea, b, sauce = two_cooperatives
    ProductClass = get_model("catalogue", "ProductClass")
    tour = ProductFactory(partner=b, price=80000, title="Tour làng chài Cát Hải")
    tour.product_class = ProductClass.objects.create(
        name="Tour", slug="tour-test", requires_shipping=False, track_stock=True
    )
    tour.save()
    flows.add_to_basket(anonymous_client, tea, 1)  # 120,000 < 500,000: 30,000 shipping
    flows.add_to_basket(anonymous_client, tour, 1)  # cooperative B ships nothing
    page = anonymous_client.get("/shop/checkout/").content.decode()
    assert "25.000" not in page  # B's flat rate is not shown, nor charged
    flows.checkout(anonymous_client)
    order = Order.objects.get(lines__partner=a)
    assert order.shipping_incl_tax == Decimal(30000)
    assert order.total_incl_tax == Decimal(120000 + 80000 + 30000)
