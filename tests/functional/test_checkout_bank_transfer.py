"""Paying by bank transfer: the VietQR code, the bank's signed notification, staff review."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from payment import bank_transfer, vietqr
from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")
ReceivingAccount = get_model("payment", "ReceivingAccount")
BankTransferNotification = get_model("payment", "BankTransferNotification")

pytestmark = pytest.mark.django_db
WEBHOOK = "/shop/checkout/bank-transfer/webhook/"
SECRET = "bank-secret-for-tests"


@pytest.fixture
def transfer_order(anonymous_client, settings, django_capture_on_commit_callbacks):
    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    item = ProductFactory(partner=CooperativeFactory(flat_rate=20000), price=150000)
    flows.add_to_basket(anonymous_client, item, 1)
    with django_capture_on_commit_callbacks(execute=True):
        flows.checkout(anonymous_client, payment_method="bank_transfer")
    return Order.objects.get(lines__product=item)


def notify(client, body: dict, secret: str = SECRET):
    raw = json.dumps(body).encode()
    return client.post(
        WEBHOOK,
        raw,
        content_type="application/json",
        HTTP_X_SIGNATURE=bank_transfer.signature(raw, secret),
    )


def test_the_confirmation_page_and_email_show_the_orders_vietqr(anonymous_client, transfer_order):
    account = ReceivingAccount.objects.current()
    assert transfer_order.status == "awaiting-transfer"
    assert transfer_order.total_incl_tax == Decimal(170000)
    page = anonymous_client.get("/shop/checkout/thank-you/").content.decode()
    payload = page.split('class="vietqr__payload"')[1].split("<code>")[1].split("<")[0]
    decoded = vietqr.decode(payload)
    assert (
        decoded.initiation == "12"
        and decoded.guid == "A000000727"
        and decoded.service == "QRIBFTTA"
    )
    assert (decoded.bank_bin, decoded.account) == (account.bank_bin, account.account_number)
    assert (decoded.currency, decoded.country, decoded.amount) == ("704", "VN", 170000)
    assert decoded.memo == f"OCOP {transfer_order.number}"
    assert "<svg" in page and account.account_number in page
    email = next(m for m in mail.outbox if m.to == [flows.ADDRESS["email"]])
    assert payload.replace("&amp;", "&") in "".join([email.body, email.alternatives[0][0]]) or (
        f"OCOP {transfer_order.number}" in email.body
    )
    assert any(a.get_content_type() == "image/png" for a in email.attachments)
    assert f"/shop/checkout/order-status/{transfer_order.number}/" in email.body


def test_a_matching_signed_notification_marks_the_order_paid_once(anonymous_client, transfer_order):
    body = {
        "transaction_id": "FT2501",
        "amount": 170000,
        "memo": f"OCOP {transfer_order.number} chuyen khoan",
    }
    assert notify(anonymous_client, body).json() == {"result": "matched"}
    transfer_order.refresh_from_db()
    assert transfer_order.is_paid and transfer_order.status == "paid"
    assert notify(anonymous_client, body).status_code == 200  # the bank retries
    assert transfer_order.payment_events.count() == 1


def test_a_notification_with_a_bad_signature_changes_nothing(anonymous_client, transfer_order):
    body = {"transaction_id": "FT2502", "amount": 170000, "memo": f"OCOP {transfer_order.number}"}
    assert notify(anonymous_client, body, secret="wrong").status_code == 403
    raw = json.dumps(body).encode()
    assert anonymous_client.post(WEBHOOK, raw, content_type="application/json").status_code == 403
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid
    assert not BankTransferNotification.objects.filter(transaction_id="FT2502").exists()


def test_a_malformed_notification_gets_400(anonymous_client, transfer_order):
    assert notify(anonymous_client, {"amount": "abc"}).status_code == 400
    assert notify(anonymous_client, {"transaction_id": "X", "amount": 10.5}).status_code == 400


def test_a_wrong_amount_is_flagged_for_staff_who_can_mark_it_paid(
    anonymous_client, staff_client, transfer_order
):
    body = {"transaction_id": "FT2503", "amount": 100000, "memo": f"OCOP {transfer_order.number}"}
    assert notify(anonymous_client, body).json() == {"result": "mismatch"}
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid and transfer_order.payment_flagged
    listing = staff_client.get("/dashboard/shipments/").content.decode()
    assert "FT2503" in listing
    staff_client.post(f"/dashboard/shipments/orders/{transfer_order.number}/mark-paid/")
    transfer_order.refresh_from_db()
    assert transfer_order.is_paid and not transfer_order.payment_flagged


def test_a_cooperative_cannot_mark_a_transfer_paid(coop_a_client, transfer_order):
    response = coop_a_client.post(f"/dashboard/shipments/orders/{transfer_order.number}/mark-paid/")
    assert response.status_code == 404
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid
