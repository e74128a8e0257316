"""The whole trade connection, through the pages: a buyer registers its organisation, staff
verify it and publish its first request, two matching cooperatives are told and quote, the
buyer compares, messages and accepts one: a wholesale order at the quoted price."""

from __future__ import annotations

from decimal import Decimal

from django.core import mail
from django.test import Client

from tests import trade
from tests.flows import signed_in
from trade.models import AuditEntry, Match, Message, Organisation, Quote, SourcingRequest


def test_buyer_to_wholesale_order(staff_client, django_capture_on_commit_callbacks):
    category, [(coop_a, product_a), (coop_b, product_b)] = trade.sector_with_cooperatives(2)
    outsider_category, [(outsider, _p)] = trade.sector_with_cooperatives(1)
    user = trade.buyer_user(email="thu-mua@sieuthixanh.example.vn")
    buyer = signed_in(user)

    # 1. The buyer registers its organisation; staff are told.
    response = buyer.post(
        "/trade/organisation/",
        {
            "name": "Siêu thị Xanh",
            "tax_code": "0101234567",
            "kind": "supermarket",
            "province_code": trade.HANOI,
            "country": "VN",
            "contact_name": "Lê Thị Hoa",
            "contact_email": "mua-hang@sieuthixanh.example.vn",
            "contact_phone": "0912 000 111",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(members=user)
    assert org.status == Organisation.Status.PENDING
    assert any("/trade/staff/" in m.body for m in mail.outbox)

    # 2. Its first request waits for staff, who cannot publish it before verifying the buyer.
    response = buyer.post("/trade/requests/new/", {**trade.request_form(category), "submit": "1"})
    rfq = SourcingRequest.objects.get(organisation=org)
    assert rfq.status == SourcingRequest.Status.PENDING
    assert Client().get(f"/trade/requests/{rfq.pk}/").status_code == 404
    staff_client.post(f"/trade/staff/requests/{rfq.pk}/approve/")
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.PENDING

    mail.outbox.clear()
    staff_client.post(f"/trade/staff/organisations/{org.pk}/verify/")
    org.refresh_from_db()
    assert org.is_verified
    assert trade.sent_to("mua-hang@sieuthixanh.example.vn")

    # 3. Staff publish it: the two cooperatives selling in the sector are matched and told.
    mail.outbox.clear()
    staff_client.post(f"/trade/staff/requests/{rfq.pk}/approve/")
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.OPEN
    matched = set(Match.objects.filter(request=rfq).values_list("producer_id", flat=True))
    assert matched == {coop_a.producer.pk, coop_b.producer.pk}
    for coop in (coop_a, coop_b):
        assert trade.sent_to(coop.producer.email), coop
    assert not trade.sent_to(outsider.producer.email)
    coop_a_client = signed_in(coop_a.users.first())
    page = coop_a_client.get("/trade/cooperative/").content.decode()
    assert rfq.title in page and "bạn bán sản phẩm thuộc nhóm được yêu cầu" in page

    # 4. Both quote; the request page hides the buyer from them.
    coop_b_client = signed_in(coop_b.users.first())
    page = coop_a_client.get(f"/trade/requests/{rfq.pk}/").content.decode()
    assert "Siêu thị Xanh" not in page and "0912" not in page
    coop_a_client.post(
        f"/trade/requests/{rfq.pk}/quote/", trade.quote_form(product_a, unit_price=105000)
    )
    coop_b_client.post(
        f"/trade/requests/{rfq.pk}/quote/", trade.quote_form(product_b, unit_price=98000)
    )
    quote_a = Quote.objects.get(request=rfq, producer=coop_a.producer)
    quote_b = Quote.objects.get(request=rfq, producer=coop_b.producer)
    assert trade.sent_to("mua-hang@sieuthixanh.example.vn")

    # 5. The buyer compares them side by side and asks a question.
    page = buyer.get(f"/trade/requests/{rfq.pk}/quotes/").content.decode()
    assert "105000" in page and "98000" in page
    buyer.post(f"/trade/quotes/{quote_a.pk}/", {"body": "Có giấy chứng nhận VietGAP không?"})
    assert Message.objects.get(quote=quote_a).held is False
    assert "VietGAP" in coop_a_client.get(f"/trade/quotes/{quote_a.pk}/").content.decode()

    # 6. It accepts cooperative A's quote: a wholesale order at the quoted price.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = buyer.post(f"/trade/quotes/{quote_a.pk}/accept/", trade.ACCEPT_FORM)
    assert response.status_code == 302
    quote_a.refresh_from_db()
    order = quote_a.order
    assert order is not None and order.user == user
    line = order.lines.get()
    assert line.product == product_a and line.quantity == 200
    assert line.unit_price_incl_tax == Decimal(105000)
    assert order.total_incl_tax == Decimal(105000 * 200)
    assert order.payment_method == "bank_transfer" and order.status == "awaiting-transfer"
    assert order.shipments.get().partner == coop_a
    assert trade.sent_to(user.email)  # the order's e-mail with how to pay

    # 7. The other quote is declined and its cooperative told; the request is read-only.
    quote_b.refresh_from_db()
    rfq.refresh_from_db()
    assert quote_b.status == Quote.Status.DECLINED
    assert any(
        f"/trade/quotes/{quote_b.pk}/" in m.body for m in trade.sent_to(coop_b.producer.email)
    )
    assert rfq.status == SourcingRequest.Status.AWARDED
    response = buyer.get(f"/trade/requests/{rfq.pk}/edit/", follow=True)
    assert "read-only" in response.content.decode() or "chỉ xem" in response.content.decode()
    coop_b_client.post(f"/trade/quotes/{quote_b.pk}/edit/", trade.quote_form(product_b))
    quote_b.refresh_from_db()
    assert quote_b.unit_price == 98000 and quote_b.edit_count == 0

    # Contacts appear once accepted, to both sides.
    page = coop_a_client.get(f"/trade/quotes/{quote_a.pk}/").content.decode()
    assert "Siêu thị Xanh" in page and "+84912000111" in page
    actions = set(AuditEntry.objects.filter(request=rfq).values_list("action", flat=True))
    assert {"request.pending", "request.open", "quote.submitted", "quote.accepted",
            "quote.declined", "request.awarded"} <= actions  # fmt: skip
