"""A cooperative's notes on its part of an order, written on its shipment page."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from tests.factories import OrderFactory, ProductFactory

OrderNote = get_model("order", "OrderNote")

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_order(coop_a_user, coop_b_user, buyer):
    """One order with a line from cooperative A and one from cooperative B."""
    a = ProductFactory(partner=coop_a_user.partners.get())
    b = ProductFactory(partner=coop_b_user.partners.get())
    order = OrderFactory(products=[a, b], user=buyer)
    shipment_a = order.shipments.get(partner=coop_a_user.partners.get())
    shipment_b = order.shipments.get(partner=coop_b_user.partners.get())
    return order, shipment_a, shipment_b


def page(shipment) -> str:
    return f"/dashboard/shipments/{shipment.pk}/"


def test_a_cooperative_writes_a_note_shown_on_its_shipment_page(
    mixed_order, coop_a_client, coop_a_user
):
    order, shipment_a, _b = mixed_order
    response = coop_a_client.post(
        page(shipment_a), {"action": "note", "message": "Gọi khách trước 9 giờ"}
    )
    assert response.status_code == 302
    note = OrderNote.objects.get(order=order)
    assert (note.user, note.message, note.note_type) == (
        coop_a_user,
        "Gọi khách trước 9 giờ",
        "Info",
    )
    html = coop_a_client.get(page(shipment_a)).content.decode()
    assert "Gọi khách trước 9 giờ" in html and 'id="shipment-note-form"' in html


def test_a_note_is_escaped_not_run(mixed_order, coop_a_client):
    _order, shipment_a, _b = mixed_order
    coop_a_client.post(page(shipment_a), {"action": "note", "message": "<script>alert(1)</script>"})
    html = coop_a_client.get(page(shipment_a)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_another_cooperative_cannot_post_a_note_on_the_order(mixed_order, coop_b_client):
    order, shipment_a, _b = mixed_order
    response = coop_b_client.post(page(shipment_a), {"action": "note", "message": "Xen vào"})
    assert response.status_code == 404
    assert not OrderNote.objects.filter(order=order).exists()


def test_each_cooperative_sees_only_its_own_notes(
    mixed_order, coop_a_client, coop_b_client, staff_client
):
    order, shipment_a, shipment_b = mixed_order
    coop_a_client.post(page(shipment_a), {"action": "note", "message": "Ghi chú của A"})
    coop_b_client.post(page(shipment_b), {"action": "note", "message": "Ghi chú của B"})
    page_b = coop_b_client.get(page(shipment_b)).content.decode()
    assert "Ghi chú của B" in page_b and "Ghi chú của A" not in page_b
    # Staff see both on the order's own page.
    staff_page = staff_client.get(f"/dashboard/orders/{order.number}/").content.decode()
    assert "Ghi chú của A" in staff_page and "Ghi chú của B" in staff_page


@pytest.mark.parametrize(
    ("language", "error"), [("vi", "Hãy viết ghi chú trước."), ("en", "Write the note first.")]
)
def test_an_empty_note_is_refused_with_a_clear_error(mixed_order, coop_a_client, language, error):
    order, shipment_a, _b = mixed_order
    coop_a_client.cookies["django_language"] = language
    for message in ("", "   \n "):
        response = coop_a_client.post(page(shipment_a), {"action": "note", "message": message})
        assert response.status_code == 200
        assert error in response.content.decode()
    assert not OrderNote.objects.filter(order=order).exists()
    assert shipment_a.order.shipments.get(pk=shipment_a.pk).status == shipment_a.status


def test_staff_write_notes_on_the_order_page_not_here(mixed_order, staff_client):
    order, shipment_a, _b = mixed_order
    response = staff_client.post(page(shipment_a), {"action": "note", "message": "Staff"})
    assert response.status_code == 200
    assert not OrderNote.objects.filter(order=order).exists()
    assert f"/dashboard/orders/{order.number}/" in response.content.decode()
