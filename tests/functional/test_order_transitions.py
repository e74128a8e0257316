"""An order's status changes by staff, payments and shipments: what each does, who may, the
history both staff and the buyer read, and the refunds due."""

from __future__ import annotations

import json

import pytest
from oscar.core.loading import get_model

from order import statuses
from order.statuses import Source
from order.transitions import Payment
from payment import bank_transfer
from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
RefundDue = get_model("order", "RefundDue")
OrderTransition = get_model("order", "OrderTransition")

pytestmark = pytest.mark.django_db
WEBHOOK = "/shop/checkout/bank-transfer/webhook/"
SECRET = "bank-secret-for-tests"


@pytest.fixture
def place(anonymous_client, coop_a_user):
    """place(method, quantity) -> (order, product) from cooperative A, stock 5."""

    def placed(payment_method: str = "cod", quantity: int = 2):
        item = ProductFactory(
            partner=CooperativeFactory(users=[coop_a_user], flat_rate=0), price=100000, stock=5
        )
        flows.add_to_basket(anonymous_client, item, quantity)
        flows.checkout(anonymous_client, payment_method=payment_method)
        return Order.objects.get(lines__product=item), item

    return placed


def change_status(client, order, new_status: str, reason: str = "", **headers):
    return client.post(
        f"/dashboard/orders/{order.number}/",
        {"order_action": "change_order_status", "new_status": new_status, "reason": reason},
        follow=True,
        **headers,
    )


def allocated(item) -> int:
    return StockRecord.objects.get(product=item).num_allocated


def test_the_pipeline_is_the_orders_own_data():
    assert Order.pipeline is statuses.PIPELINE
    assert statuses.CANCELLED not in statuses.PIPELINE[statuses.PAID]
    assert statuses.PIPELINE[statuses.PAID] == ("shipped", "completed", "refund-requested")
    assert statuses.PIPELINE["refund-requested"] == ("refunded",)


def test_placing_an_order_starts_its_history(place):
    order, _item = place("bank_transfer")
    assert list(order.transitions.values_list("from_status", "to_status", "source")) == [
        ("", "awaiting-transfer", "buyer")
    ]


def test_staff_cancelling_release_the_stock_close_the_shipments_and_leave_a_row(
    place, staff_client, staff
):
    order, item = place("cod")
    assert allocated(item) == 2
    response = change_status(staff_client, order, "cancelled", "Khách gọi điện huỷ đơn")
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert allocated(item) == 0
    assert set(order.shipments.values_list("status", flat=True)) == {"cancelled"}
    row = order.transitions.get(to_status="cancelled")
    assert (row.from_status, row.by, row.source, row.reason) == (
        "awaiting-delivery-payment",
        staff,
        "staff",
        "Khách gọi điện huỷ đơn",
    )


def test_staff_marking_an_order_paid_sets_paid_at(place, staff_client, staff):
    order, _item = place("bank_transfer")
    change_status(staff_client, order, "paid")
    order.refresh_from_db()
    assert order.status == "paid" and order.paid_at is not None
    assert order.payment_events.count() == 1
    assert order.transitions.filter(to_status="paid", by=staff, source="staff").exists()


def test_a_move_the_pipeline_does_not_allow_is_refused_with_a_message(place, staff_client):
    order, item = place("bank_transfer")
    change_status(staff_client, order, "paid")
    response = change_status(staff_client, order, "cancelled", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "An order that is paid cannot become cancelled." in response.content.decode()
    response = change_status(staff_client, order, "no-such-status", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid" and allocated(item) == 2
    # Through the model too: refused, logged, nothing changed, nothing raised.
    outcome = order.transition("awaiting-transfer", source=Source.STAFF)
    assert not outcome.changed and outcome.refused
    assert not order.transitions.filter(to_status="cancelled").exists()


def test_a_condition_of_the_move_is_refused_in_vietnamese(place, staff_client, coop_a_client):
    order, _item = place("cod")
    shipment = order.shipments.get()
    coop_a_client.post(f"/dashboard/shipments/{shipment.pk}/", {"action": "confirmed"})
    coop_a_client.post(
        f"/dashboard/shipments/{shipment.pk}/",
        {"action": "shipped", "carrier": "VNPost", "tracking_number": "EG1VN"},
    )
    order.refresh_from_db()
    assert order.status == "shipped"  # every shipment left: the order follows
    outcome = order.transition("completed", source=Source.STAFF)
    assert outcome.refused and order.status == "shipped"
    page = change_status(staff_client, order, "completed").content.decode()
    assert "được hoàn tất khi" in page


def test_the_order_list_bulk_action_goes_through_the_state_machine(place, staff_client):
    order, item = place("cod")
    staff_client.post(
        "/dashboard/orders/",
        {
            "action": "change_order_statuses",
            "selected_order": [order.pk],
            "new_status": "cancelled",
        },
    )
    order.refresh_from_db()
    assert order.status == "cancelled" and allocated(item) == 0
    assert order.transitions.filter(to_status="cancelled", source="staff").exists()


def test_a_cooperative_cannot_change_an_orders_status(place, coop_a_client):
    order, item = place("cod")
    change_status(coop_a_client, order, "cancelled")
    order.refresh_from_db()
    assert order.status == "awaiting-delivery-payment" and allocated(item) == 2


def test_a_paid_order_whose_shipments_are_all_cancelled_awaits_its_refund(
    place, staff_client, coop_a_client
):
    order, item = place("bank_transfer")
    assert order.mark_paid(reference="FT-x", event_name="Bank transfer")
    shipment = order.shipments.get()
    coop_a_client.post(
        f"/dashboard/shipments/{shipment.pk}/", {"action": "cancelled", "reason": "Hết hàng"}
    )
    order.refresh_from_db()
    assert order.status == "refund-requested" and allocated(item) == 0
    change_status(staff_client, order, "refunded", "Đã chuyển trả")
    order.refresh_from_db()
    assert order.status == "refunded"
    assert [t for _f, t in order.transitions.values_list("from_status", "to_status")] == [
        "awaiting-transfer",
        "paid",
        "refund-requested",
        "refunded",
    ]


def test_a_prepaid_order_follows_its_shipments_to_completed(place, coop_a_client):
    order, item = place("bank_transfer")
    order.mark_paid(reference="FT-y", event_name="Bank transfer")
    shipment = order.shipments.get()
    for data in (
        {"action": "confirmed"},
        {"action": "shipped", "carrier": "VNPost", "tracking_number": "EG2VN"},
        {"action": "delivered"},
    ):
        coop_a_client.post(f"/dashboard/shipments/{shipment.pk}/", data)
    order.refresh_from_db()
    assert order.status == "completed"
    steps = list(order.transitions.values_list("to_status", "source"))
    assert steps[-2:] == [("shipped", "cooperative"), ("completed", "cooperative")]
    assert (StockRecord.objects.get(product=item).num_in_stock, allocated(item)) == (3, 0)


# Money that cannot pay its order: refunds due.


def notify(client, order, transaction_id: str, amount=None):
    raw = json.dumps(
        {
            "transaction_id": transaction_id,
            "amount": int(order.total_incl_tax if amount is None else amount),
            "memo": f"OCOP {order.number}",
        }
    ).encode()
    return client.post(
        WEBHOOK,
        raw,
        content_type="application/json",
        HTTP_X_SIGNATURE=bank_transfer.signature(raw, SECRET),
    )


def test_a_transfer_for_a_cancelled_order_becomes_a_refund_due_for_staff_only(
    place, anonymous_client, staff_client, coop_a_client, settings
):
    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    order, item = place("bank_transfer")
    order.cancel("Khách huỷ")
    assert notify(anonymous_client, order, "FT-LATE-1").json() == {"result": "refund_due"}
    order.refresh_from_db()
    assert order.status == "cancelled" and not order.is_paid and allocated(item) == 0
    refund = RefundDue.objects.get(order=order)
    assert (refund.amount, refund.reference, refund.source) == (
        order.total_incl_tax,
        "FT-LATE-1",
        "bank",
    )
    notify(anonymous_client, order, "FT-LATE-1")  # the bank retries
    assert RefundDue.objects.filter(order=order).count() == 1

    listing = staff_client.get("/dashboard/shipments/refunds/")
    assert listing.status_code == 200 and "FT-LATE-1" in listing.content.decode()
    assert (
        "/dashboard/shipments/refunds/"
        in staff_client.get("/dashboard/shipments/").content.decode()
    )
    assert coop_a_client.get("/dashboard/shipments/refunds/").status_code == 404
    resolve = f"/dashboard/shipments/refunds/{refund.pk}/refunded/"
    assert coop_a_client.post(resolve, {"note": "x"}).status_code == 404
    refund.refresh_from_db()
    assert refund.resolved_at is None

    staff_client.post(resolve, {"note": "Chuyển trả qua Vietcombank"})
    refund.refresh_from_db()
    assert refund.resolved_at is not None and refund.note == "Chuyển trả qua Vietcombank"
    again = staff_client.post(resolve, {"note": ""}, follow=True)
    assert again.status_code == 200
    assert staff_client.post("/dashboard/shipments/refunds/999999/refunded/").status_code == 404


def test_out_of_order_notifications_change_the_order_once(place, anonymous_client, settings):
    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    order, _item = place("bank_transfer")
    assert notify(anonymous_client, order, "FT-A").json() == {"result": "matched"}
    # A second, different transfer for the same order: owed back, the order unchanged.
    assert notify(anonymous_client, order, "FT-B").json() == {"result": "duplicate"}
    # The first one again, late: nothing at all.
    assert notify(anonymous_client, order, "FT-A").json() == {"result": "matched"}
    order.refresh_from_db()
    assert order.status == "paid" and order.payment_events.count() == 1
    assert list(RefundDue.objects.filter(order=order).values_list("reference", flat=True)) == [
        "FT-B"
    ]
    assert order.transitions.filter(to_status="paid").count() == 1


def test_a_card_payment_for_a_cancelled_order_is_owed_back(place):
    order, _item = place("bank_transfer")
    order.cancel()
    outcome = order.transition(
        "paid", source=Source.CARD, payment=Payment(reference="pi_123", event_name="Card payment")
    )
    assert not outcome.paid and outcome.refund_due.reference == "pi_123"
    # Staff marking it paid are told instead: no refund due of theirs.
    assert not order.mark_paid(reference="manual:1", source=Source.STAFF)
    assert RefundDue.objects.filter(order=order).count() == 1


# The history, on the staff page and the buyer's.


def test_the_history_shows_on_the_staff_page_and_the_buyers(
    place, anonymous_client, staff_client, coop_a_client
):
    order, _item = place("cod")
    change_status(staff_client, order, "cancelled", "Khách gọi điện huỷ đơn")
    order.refresh_from_db()

    staff_page = staff_client.get(f"/dashboard/orders/{order.number}/").content.decode()
    history = staff_page.split('class="order-history"')[1]
    # The staff member's name, family name first in Vietnamese (lib.names).
    assert "Liên minh HTX Quản trị" in history
    assert "Khách gọi điện huỷ đơn" in history
    assert "Chờ thanh toán khi nhận hàng" in history and "Đã hủy" in history

    coop_page = coop_a_client.get(f"/dashboard/orders/{order.number}/", follow=True)
    coop_page = coop_page.content.decode()  # its shipment page, with the order's history
    assert 'class="order-history"' in coop_page

    buyer_page = anonymous_client.get(order.get_status_url(), HTTP_ACCEPT_LANGUAGE="en")
    history = buyer_page.content.decode().split('class="order-history"')[1]
    assert "Order placed" in history and "Awaiting payment on delivery" in history
    assert "Cancelled" in history and "Khách gọi điện huỷ đơn" in history
    assert "Staff" in history and "Quản trị" not in history  # buyers see the role, not a name


def test_the_history_shows_the_bank_and_the_system(place, anonymous_client, settings):
    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    order, _item = place("bank_transfer")
    notify(anonymous_client, order, "FT-H")
    page = anonymous_client.get(order.get_status_url(), HTTP_ACCEPT_LANGUAGE="en")
    history = page.content.decode().split('class="order-history"')[1]
    assert "Awaiting bank transfer → Paid" in history and "Bank" in history
