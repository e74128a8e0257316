"""A request closes at its quote cap and at its expiry; quotes over the monthly allowance, a
second edit, a quote on a closed request and one by an unapproved cooperative are refused,
with a message in Vietnamese (and English)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests import trade
from tests.flows import signed_in
from trade import services
from trade.models import Quote, SourcingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    category, sellers = trade.sector_with_cooperatives(3)
    org = trade.organisation()
    return category, sellers, org


def test_a_request_closes_when_its_quote_cap_is_reached(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category, quote_cap=2)
    trade.quote(rfq, *sellers[0])
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.OPEN
    trade.quote(rfq, *sellers[1])
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.CLOSED
    assert rfq.close_reason == SourcingRequest.CloseReason.CAP
    assert trade.sent_to(org.contact_email)  # told it closed

    partner, product = sellers[2]
    response = signed_in(partner.users.first()).post(
        f"/trade/requests/{rfq.pk}/quote/", trade.quote_form(product), follow=True
    )
    assert "Yêu cầu này đã đóng" in response.content.decode()
    assert not Quote.objects.filter(request=rfq, producer=partner.producer).exists()


def test_a_request_closes_at_its_expiry(market, monkeypatch):
    category, sellers, org = market
    rfq = trade.open_request(org, category, expiry_days=7)
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)

    # Before the hourly task runs, the board already leaves it out and quotes are refused.
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert not SourcingRequest.objects.open().filter(pk=rfq.pk).exists()
    partner, product = sellers[0]
    client = signed_in(partner.users.first())
    response = client.post(
        f"/trade/requests/{rfq.pk}/quote/", trade.quote_form(product), follow=True
    )
    assert "Yêu cầu này đã đóng" in response.content.decode()
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.CLOSED
    assert rfq.close_reason == SourcingRequest.CloseReason.EXPIRED


def test_the_hourly_task_closes_expired_requests(market, monkeypatch):
    category, _sellers, org = market
    rfq = trade.open_request(org, category, expiry_days=10)
    monkeypatch.setattr(timezone, "now", lambda: rfq.expires_at - datetime.timedelta(seconds=1))
    call_command("close_expired_requests", stdout=open("/dev/null", "w"))
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.OPEN

    monkeypatch.setattr(timezone, "now", lambda: rfq.expires_at + datetime.timedelta(hours=1))
    mail.outbox.clear()
    assert services.close_expired() == 1
    rfq.refresh_from_db()
    assert (rfq.status, rfq.close_reason) == ("closed", "expired")
    assert trade.sent_to(org.contact_email)


def test_a_quote_over_the_monthly_allowance_is_refused(market, settings):
    settings.TRADE_RULES = {"monthly_quote_allowance": 2}
    category, sellers, org = market
    partner, product = sellers[0]
    for n in range(2):
        trade.quote(trade.open_request(org, category, title=f"Yêu cầu {n}"), partner, product)
    third = trade.open_request(org, category, title="Yêu cầu 3")
    client = signed_in(partner.users.first())
    response = client.post(
        f"/trade/requests/{third.pk}/quote/", trade.quote_form(product), follow=True
    )
    assert "đã dùng hết 2 báo giá của tháng này" in response.content.decode()
    response = client.post(
        f"/trade/requests/{third.pk}/quote/",
        trade.quote_form(product),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "has used its 2 quotes for this month" in response.content.decode()
    assert not Quote.objects.filter(request=third).exists()
    assert signed_in(partner.users.first()).get("/trade/cooperative/").status_code == 200


def test_a_quote_can_be_edited_once(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category)
    partner, product = sellers[0]
    quote = trade.quote(rfq, partner, product, unit_price=100000)
    client = signed_in(partner.users.first())

    client.post(f"/trade/quotes/{quote.pk}/edit/", trade.quote_form(product, unit_price=95000))
    quote.refresh_from_db()
    assert (quote.unit_price, quote.edit_count) == (95000, 1)

    response = client.post(
        f"/trade/quotes/{quote.pk}/edit/", trade.quote_form(product, unit_price=90000), follow=True
    )
    assert "Báo giá chỉ được sửa một lần" in response.content.decode()
    quote.refresh_from_db()
    assert quote.unit_price == 95000


def test_an_unapproved_cooperative_cannot_quote(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category)
    partner, product = sellers[0]
    partner.producer.status = partner.producer.Status.SUSPENDED
    partner.producer.save()
    response = signed_in(partner.users.first()).post(
        f"/trade/requests/{rfq.pk}/quote/", trade.quote_form(product), follow=True
    )
    assert "Chỉ hợp tác xã đã được duyệt mới được gửi báo giá" in response.content.decode()
    assert not Quote.objects.filter(request=rfq).exists()
    with pytest.raises(services.Refused):
        trade.quote(rfq, partner, product)


def test_bad_quote_input_gives_field_errors_and_saves_nothing(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category, quantity=100)
    partner, product = sellers[0]
    response = signed_in(partner.users.first()).post(
        f"/trade/requests/{rfq.pk}/quote/",
        trade.quote_form(product, unit_price="-5", moq=500, valid_until="2001-01-01"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-field="unit_price"' in page and 'data-field="moq"' in page
    assert 'data-field="valid_until"' in page
    assert not Quote.objects.filter(request=rfq).exists()


def test_bad_request_input_gives_field_errors(market):
    category, _sellers, org = market
    client = signed_in(org.members.first())
    response = client.post(
        "/trade/requests/new/",
        trade.request_form(
            category, quantity="0", expiry_days=45, export_country="JP", incoterm="", submit="1"
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    for field in ("quantity", "expiry_days", "delivery_province_code", "incoterm"):
        assert f'data-field="{field}"' in page, field
    assert not SourcingRequest.objects.filter(organisation=org).exists()


def test_a_verified_buyers_later_request_opens_at_once(market):
    category, _sellers, org = market
    trade.open_request(org, category)  # its first, already reviewed
    client = signed_in(org.members.first())
    client.post(
        "/trade/requests/new/", {**trade.request_form(category, title="Lần hai"), "submit": "1"}
    )
    assert SourcingRequest.objects.get(title="Lần hai").status == SourcingRequest.Status.OPEN


def test_a_cancelled_request_declines_its_quotes_and_tells_the_cooperatives(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category)
    partner, product = sellers[0]
    quote = trade.quote(rfq, partner, product)
    mail.outbox.clear()
    signed_in(org.members.first()).post(f"/trade/requests/{rfq.pk}/close/", {"action": "cancel"})
    rfq.refresh_from_db()
    quote.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.CANCELLED
    assert quote.status == Quote.Status.DECLINED
    assert any(
        "Người mua đã hủy yêu cầu này" in m.body for m in trade.sent_to(partner.producer.email)
    )
    response = signed_in(partner.users.first()).post(
        f"/trade/quotes/{quote.pk}/edit/", trade.quote_form(product, unit_price=1), follow=True
    )
    assert "Không thể sửa báo giá này nữa" in response.content.decode()
