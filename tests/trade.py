"""Building blocks of the trade tests: a fresh OCOP sector with two cooperatives selling in it,
a verified buyer organisation, a request and a quote, as the forms post them."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone
from oscar.test import factories as oscar

from tests import factories
from trade import services
from trade.models import Organisation, SourcingRequest

HANOI, HOAN_KIEM = "01", "00070"


def sector_with_cooperatives(count: int = 2, **producer_fields):
    """A new root category (its own sector) and `count` cooperatives each selling a product in it."""
    category = factories.CategoryFactory()
    sellers = []
    for _ in range(count):
        partner = factories.CooperativeFactory()
        for name, value in producer_fields.items():
            setattr(partner.producer, name, value)
        partner.producer.save()
        product = factories.ProductFactory(partner=partner, category=category, price=120000)
        sellers.append((partner, product))
    return category, sellers


def buyer_user(**fields):
    return oscar.UserFactory(**fields)


def organisation(user=None, *, verified: bool = True, **fields) -> Organisation:
    user = user or buyer_user()
    data = {
        "name": "Siêu thị Xanh",
        "tax_code": "0101234567",
        "kind": Organisation.Kind.SUPERMARKET,
        "province_code": HANOI,
        "country": "VN",
        "contact_name": "Lê Thị Hoa",
        "contact_email": "mua-hang@sieuthixanh.example.vn",
        "contact_phone": "+84912000111",
        **fields,
    }
    org = Organisation.objects.create(**data)
    org.members.add(user)
    if verified:
        org.status = Organisation.Status.VERIFIED
        org.save()
    return org


def open_request(org, category, **fields) -> SourcingRequest:
    """An open request (published directly, as a verified buyer's later request is)."""
    data = {
        "title": "Cần mua mật ong rừng",
        "category": category,
        "description": "Đóng chai 500 ml, giao hàng tháng.",
        "quantity": 200,
        "unit": "chai",
        "delivery_province_code": HANOI,
        "expiry_days": 14,
        "quote_cap": 10,
        **fields,
    }
    rfq = SourcingRequest.objects.create(organisation=org, **data)
    services.open_request(rfq)
    mail.outbox.clear()
    return rfq


def request_form(category, **changes) -> dict:
    return {
        "title": "Cần mua mật ong rừng",
        "category": category.pk,
        "description": "Đóng chai 500 ml, giao hàng tháng.",
        "quantity": 200,
        "unit": "chai",
        "target_price": 110000,
        "delivery_province_code": HANOI,
        "export_country": "",
        "incoterm": "",
        "min_stars": 0,
        "needed_by": "",
        "expiry_days": 14,
        "quote_cap": 10,
        **changes,
    }


def quote_form(product, **changes) -> dict:
    return {
        "product": product.pk,
        "unit_price": 105000,
        "moq": 50,
        "lead_time_days": 10,
        "valid_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "delivery_terms": "Giao tại kho Hà Nội, phí vận chuyển đã gồm.",
        "sample_offer": "on",
        **changes,
    }


ACCEPT_FORM = {
    "name": "Lê Thị Hoa",
    "phone": "0912 000 111",
    "street": "25 Hàng Bài",
    "province_code": HANOI,
    "commune_code": HOAN_KIEM,
    "notes": "",
}


def quote(rfq, partner, product, **changes):
    fields = {
        "product": product,
        "unit_price": 105000,
        "moq": 50,
        "lead_time_days": 10,
        "valid_until": timezone.localdate() + datetime.timedelta(days=30),
        "delivery_terms": "Giao tại kho.",
        **changes,
    }
    user = partner.users.first()
    return services.submit_quote(rfq, partner.producer, by=user, **fields)


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]
