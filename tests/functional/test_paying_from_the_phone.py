"""Paying a transfer from the phone that placed the order (#19): the QR code as an image to
save, copy buttons for what the banking app asks, and the raw payload kept out of the way."""

from __future__ import annotations

import io
import json

import pytest
from oscar.core.loading import get_model
from PIL import Image

from payment import bank_transfer, vietqr
from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

Order = get_model("order", "Order")
ReceivingAccount = get_model("payment", "ReceivingAccount")

pytestmark = pytest.mark.django_db
SECRET = "bank-secret-for-tests"


@pytest.fixture
def transfer_order(anonymous_client, settings):
    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    item = ProductFactory(partner=CooperativeFactory(flat_rate=20000), price=150000)
    flows.add_to_basket(anonymous_client, item, 1)
    flows.checkout(anonymous_client, payment_method="bank_transfer")
    return Order.objects.get(lines__product=item)


def png_url(order) -> str:
    return f"{order.get_status_url()}vietqr.png"


def test_the_thank_you_and_status_pages_offer_the_qr_as_an_image_to_save(
    anonymous_client, transfer_order
):
    for path in ("/shop/checkout/thank-you/", transfer_order.get_status_url()):
        html = anonymous_client.get(path).content.decode()
        assert f'href="{png_url(transfer_order)}" download=' in html, path


def test_the_qr_image_is_a_png_of_the_orders_payload(client, transfer_order):
    response = client.get(png_url(transfer_order))  # a guest: the signed link is enough
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert transfer_order.number in response["Content-Disposition"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size[0] >= 200
    assert bank_transfer.png(bank_transfer.payload_for(transfer_order)) == response.content


def test_a_qr_image_link_with_a_wrong_signature_is_a_404(client, transfer_order):
    url = f"/shop/checkout/order-status/{transfer_order.number}/not-the-hash/vietqr.png"
    assert client.get(url).status_code == 404


def test_a_paid_order_has_no_qr_image_any_more(client, transfer_order):
    body = json.dumps(
        {"transaction_id": "FT-PHONE", "amount": 170000, "memo": f"OCOP {transfer_order.number}"}
    ).encode()
    client.post(
        "/shop/checkout/bank-transfer/webhook/",
        body,
        content_type="application/json",
        HTTP_X_SIGNATURE=bank_transfer.signature(body, SECRET),
    )
    transfer_order.refresh_from_db()
    assert transfer_order.is_paid
    assert client.get(png_url(transfer_order)).status_code == 404


def test_a_cash_on_delivery_order_has_no_qr_image(client):
    item = ProductFactory()
    flows.add_to_basket(client, item)
    flows.checkout(client, payment_method="cod")
    order = Order.objects.get(lines__product=item)
    assert client.get(png_url(order)).status_code == 404


def test_account_number_amount_and_memo_each_have_a_copy_button(anonymous_client, transfer_order):
    html = anonymous_client.get(transfer_order.get_status_url()).content.decode()
    account = ReceivingAccount.objects.current()
    assert f'data-copy="{account.account_number}"' in html
    assert 'data-copy="170000"' in html  # digits only: what a banking app's amount field takes
    assert f'data-copy="OCOP {transfer_order.number}"' in html
    assert html.count('class="btn btn-outline-secondary btn-copy"') == 3
    assert "js/copy.js" in html and "onclick" not in html


def test_the_raw_payload_is_folded_away_for_banks(anonymous_client, transfer_order):
    html = anonymous_client.get("/shop/checkout/thank-you/").content.decode()
    details = html.split('<details class="vietqr__payload">', 1)[1].split("</details>", 1)[0]
    assert "Dành cho ngân hàng: dữ liệu VietQR" in details
    payload = details.split("<code>")[1].split("</code>")[0]
    assert vietqr.decode(payload.replace("&amp;", "&")).memo == f"OCOP {transfer_order.number}"
