"""Demo trade connection: a verified supermarket buying team with open sourcing requests in
three OCOP sectors, matched to the demo cooperatives, and a quote with a short thread.

Idempotent: the organisation is found by its tax code, requests by title. No e-mails are sent.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from trade import matching
from trade.audit import audit
from trade.models import Message, Organisation, Quote, SourcingRequest
from trade.slots import MeetingSlot

TRADE_BUYER = {
    "email": "thu-mua@sieuthixanh.vn",
    "password": "thumua-demo-2025",
    "name": ("Hoa", "Lê Thị"),
}
ORGANISATION = {
    "name": "Công ty CP Siêu thị Xanh",
    "tax_code": "0109876543",
    "kind": Organisation.Kind.SUPERMARKET,
    "province_code": "01",
    "country": "VN",
    "contact_name": "Lê Thị Hoa",
    "contact_email": "thu-mua@sieuthixanh.vn",
    "contact_phone": "+84243999888",
}
# (title, words a category's name contains, quantity, unit, target price, certifications, stars)
REQUESTS = [
    ("Cà phê rang xay cho 40 siêu thị", "cà phê", 2000, "gói 500 g", 145000, "", 3),
    ("Mật ong rừng đóng chai cho quầy quà tặng", "mật ong", 600, "chai 500 ml", 220000, "|vietgap|", 3),
    ("Nước mắm truyền thống, hợp đồng 12 tháng", "nước mắm", 5000, "chai 500 ml", 60000, "", 4),
    ("Chè búp Thái Nguyên cho chuỗi cửa hàng", "chè", 800, "hộp 200 g", 120000, "|vietgap|", 0),
]  # fmt: skip

Category = get_model("catalogue", "Category")


def _buyer():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=TRADE_BUYER["email"],
        defaults={
            "email": TRADE_BUYER["email"],
            "first_name": TRADE_BUYER["name"][0],
            "last_name": TRADE_BUYER["name"][1],
        },
    )
    if created:
        user.set_password(TRADE_BUYER["password"])
        user.save()
    return user


def _category(words: str):
    return (
        Category.objects.filter(name__icontains=words).order_by("depth", "path").first()
        or Category.objects.order_by("path").first()
    )


def load(stdout=None) -> int:
    user = _buyer()
    organisation, _ = Organisation.objects.get_or_create(
        tax_code=ORGANISATION["tax_code"],
        defaults={**ORGANISATION, "status": Organisation.Status.VERIFIED},
    )
    if organisation.status != Organisation.Status.VERIFIED:
        organisation.status = Organisation.Status.VERIFIED
        organisation.verified_at = timezone.now()
        organisation.save()
    organisation.members.add(user)
    now = timezone.now()
    made = 0
    for i, (title, words, quantity, unit, price, certs, stars) in enumerate(REQUESTS):
        if SourcingRequest.objects.filter(organisation=organisation, title=title).exists():
            continue
        rfq = SourcingRequest.objects.create(
            organisation=organisation,
            created_by=user,
            title=title,
            category=_category(words),
            description=f"{title}. Giao hàng về kho Hà Nội, thanh toán chuyển khoản qua sàn.",
            quantity=quantity,
            unit=unit,
            target_price=price,
            delivery_province_code="01",
            certifications=certs,
            min_stars=stars,
            needed_by=timezone.localdate() + datetime.timedelta(days=45),
            expiry_days=21,
            status=SourcingRequest.Status.OPEN,
            submitted_at=now,
            opened_at=now - datetime.timedelta(hours=i),
            expires_at=now + datetime.timedelta(days=21),
        )
        audit("request.open", user, request=rfq, demo=True)
        matches = matching.record(rfq)
        made += 1
        if i == 0 and matches:
            _quote_with_thread(rfq, matches[0].producer, user)
    slots = _fair_slots()
    if stdout is not None:
        stdout.write(
            f"  trade: {made} sourcing requests, {slots} business-matching slots, "
            f"buyer {TRADE_BUYER['email']}"
        )
    return made


def _fair_slots() -> int:
    """Business-matching slots at the next fair: three half-hours with each accepted exhibitor
    (the cooperatives matched to the demo requests when the fair has none yet)."""
    from cms.models import BoothRegistration, EventPage
    from trade.models import Match

    event = (
        EventPage.objects.live()
        .filter(start_date__gte=timezone.localdate())
        .order_by("start_date")
        .first()
    )
    if event is None:
        return 0
    exhibitors = [
        registration.producer
        for registration in BoothRegistration.objects.filter(
            event=event, status=BoothRegistration.Status.ACCEPTED
        ).select_related("producer")[:4]
    ] or list(
        {
            match.producer_id: match.producer
            for match in Match.objects.select_related("producer")[:20]
        }.values()
    )[:4]
    made = 0
    day = timezone.make_aware(datetime.datetime.combine(event.start_date, datetime.time(9)))
    for table, producer in enumerate(exhibitors, start=1):
        for half_hour in range(3):
            _slot, created = MeetingSlot.objects.get_or_create(
                event=event,
                starts_at=day + datetime.timedelta(minutes=30 * half_hour),
                table=f"B{table}",
                defaults={"producer": producer},
            )
            made += created
    return made


def _quote_with_thread(rfq, producer, buyer) -> None:
    product = producer.products().order_by("pk").first()
    if product is None:
        return
    cooperative_user = producer.partner.users.order_by("pk").first()
    quote = Quote.objects.create(
        request=rfq,
        producer=producer,
        product=product,
        created_by=cooperative_user,
        unit_price=138000,
        moq=500,
        lead_time_days=14,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        delivery_terms="Giao tại kho Hà Nội, đã gồm phí vận chuyển.",
        sample_offer=True,
    )
    SourcingRequest.objects.filter(pk=rfq.pk).update(quote_count=1)
    Message.objects.create(
        quote=quote, sender=buyer, side=Message.Side.BUYER, body="Hạn dùng bao lâu ạ?"
    )
    Message.objects.create(
        quote=quote,
        sender=cooperative_user,
        side=Message.Side.COOPERATIVE,
        body="Dạ 12 tháng kể từ ngày rang, đóng thùng 20 gói.",
    )
