"""Before a quote is accepted, a message with a bank account number, a phone number or a
request to pay outside the marketplace is held for staff, and its recipient is warned."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail

from tests import trade
from tests.flows import signed_in
from trade.models import AuditEntry, Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    category, [(partner, product)] = trade.sector_with_cooperatives(1)
    org = trade.organisation()
    rfq = trade.open_request(org, category)
    quote = trade.quote(rfq, partner, product)
    mail.outbox.clear()
    return org, partner, quote


def test_a_bank_account_number_is_held_and_the_recipient_warned(thread, staff_client):
    org, partner, quote = thread
    cooperative = signed_in(partner.users.first())
    response = cooperative.post(
        f"/trade/quotes/{quote.pk}/",
        {"body": "Anh chị chuyển cọc 30% vào STK 0071 0012 34567 Vietcombank giúp em."},
        follow=True,
    )
    assert "được giữ lại để kiểm duyệt" in response.content.decode()
    message = Message.objects.get(quote=quote)
    assert message.held and "bank_account" in message.hold_reasons

    # The buyer does not get the text, but a warning, on the page and by e-mail.
    buyer = signed_in(org.members.first())
    page = buyer.get(f"/trade/quotes/{quote.pk}/").content.decode()
    assert "0071 0012 34567" not in page
    assert "trade-held-warning" in page
    warnings = trade.sent_to(org.contact_email)
    assert warnings and "0071" not in warnings[0].body
    assert "Không bao giờ thanh toán ngoài sàn" in warnings[0].body

    # Staff see it in the queue; releasing delivers it.
    assert "0071 0012 34567" in staff_client.get("/trade/staff/").content.decode()
    staff_client.post(f"/trade/staff/messages/{message.pk}/release/")
    assert "0071 0012 34567" in buyer.get(f"/trade/quotes/{quote.pk}/").content.decode()
    assert AuditEntry.objects.filter(quote=quote, action="message.released").exists()


@pytest.mark.parametrize(
    "body",
    [
        "Gọi em qua số 0912 345 678 nhé",
        "Liên hệ Zalo để thanh toán ngoài cho rẻ",
        "Please wire transfer the deposit to our account",
    ],
)
def test_phone_numbers_and_off_platform_payment_are_held(thread, body):
    org, _partner, quote = thread
    signed_in(org.members.first()).post(f"/trade/quotes/{quote.pk}/", {"body": body})
    assert Message.objects.get(quote=quote).held


def test_ordinary_questions_pass(thread):
    org, partner, quote = thread
    buyer = signed_in(org.members.first())
    buyer.post(f"/trade/quotes/{quote.pk}/", {"body": "Hạn dùng 12 tháng, đóng thùng 24 chai?"})
    message = Message.objects.get(quote=quote)
    assert not message.held
    assert trade.sent_to(partner.producer.email)


@mock.patch("lib.ratelimit.current_window", return_value=490_000)  # all within one hour
def test_messages_per_hour_are_limited(_window, thread, settings):
    settings.TRADE_RULES = {"messages_per_hour_per_organisation": 2}
    org, _partner, quote = thread
    buyer = signed_in(org.members.first())
    for n in range(3):
        response = buyer.post(f"/trade/quotes/{quote.pk}/", {"body": f"Câu hỏi {n}"}, follow=True)
    assert Message.objects.filter(quote=quote).count() == 2
    assert "Quá nhiều tin nhắn" in response.content.decode()


def test_a_block_stops_the_thread_and_a_report_reaches_staff(thread, staff_client):
    org, partner, quote = thread
    buyer = signed_in(org.members.first())
    buyer.post(f"/trade/quotes/{quote.pk}/report/", {"reason": "Đòi chuyển tiền trước"})
    assert "Đòi chuyển tiền trước" in staff_client.get("/trade/staff/").content.decode()
    buyer.post(f"/trade/quotes/{quote.pk}/block/")
    response = signed_in(partner.users.first()).post(
        f"/trade/quotes/{quote.pk}/", {"body": "Xin chào"}, follow=True
    )
    assert not Message.objects.filter(quote=quote).exists()
    assert "đã chặn" in response.content.decode()
