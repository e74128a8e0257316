"""A person's data: the export holds theirs and nobody else's; deletion anonymises orders and
leaves no trace of their e-mail, name or phone in any table."""

from __future__ import annotations

import datetime
import json

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from oscar.core.loading import get_model

from cms.models import SessionRegistration, TrainingSession
from compliance import complaints, consent
from compliance.models import DataRequest, SignedInScan
from tests import flows, trade
from tests.factories import BatchFactory, ProductFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"


def person(django_user_model, tag: str, phone: str):
    """A user with an order, an address, a review, a registration, a consent, a scan."""
    email = f"xoa-{tag}@example.vn"
    user = django_user_model.objects.create_user(
        email, email, "mat-khau-123", first_name="Bích", last_name=f"Xoáthử{tag}"
    )
    client = flows.signed_in(user)
    product = ProductFactory(stock=5)
    flows.add_to_basket(client, product)
    response = flows.checkout(
        client, email=email, name=f"Bích Xoáthử{tag}", phone=phone, street=f"{tag} Phố Huế"
    )
    assert response.status_code == 302, response.content[:2000]
    UserAddress.objects.create(
        user=user,
        first_name="Bích",
        last_name=f"Xoáthử{tag}",
        line1=f"{tag} Hàng Bạc",
        line4="Hà Nội",
        country=Country.objects.get(pk="VN"),
        phone_number=phone,
    )
    ProductReview.objects.create(
        product=product, user=user, score=5, title=f"Ngon lắm {tag}", body="Trà thơm."
    )
    session = TrainingSession.objects.first()
    SessionRegistration.objects.create(
        session=session,
        producer=product.producer,
        user=user,
        participant_name=f"Bích Xoáthử{tag}",
        phone=phone,
    )
    consent.record(user, "marketing_email", True, "form")
    batch = BatchFactory(lot=f"LO-{tag}")
    assert client.get(flows.path_of(batch.uri), HTTP_USER_AGENT=PHONE_UA).status_code == 200
    org = trade.organisation(
        user, contact_name=f"Bích Xoáthử{tag}", contact_email=email, contact_phone=phone
    )
    trade.open_request(
        org,
        product.categories.first(),
        created_by=user,
        title=f"Cần mua chè {tag}",
        description=f"Liên hệ Bích Xoáthử{tag}",
    )
    order = Order.objects.get(user=user)
    complaints.open_complaint(
        order.lines.get(),
        user,
        reason="damaged",
        description=f"Gọi tôi: {phone}, Bích Xoáthử{tag}",
        wanted="refund",
    )
    return user, client, order


def test_the_export_holds_my_data_and_nobody_elses(django_user_model):
    me, client, my_order = person(django_user_model, "an", "0987 654 321")
    other, _, other_order = person(django_user_model, "binh", "0976 543 210")
    assert SignedInScan.objects.filter(user=me).count() == 1

    response = client.get("/account/data/export.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    sections = data["sections"]
    assert [o["number"] for o in sections["orders"]] == [my_order.number]
    lines = {a["lines"][0] for a in sections["addresses"]}
    assert lines == {"an Phố Huế", "an Hàng Bạc"}  # saved at checkout, and added
    assert [r["title"] for r in sections["reviews"]] == ["Ngon lắm an"]
    assert sections["registrations"][0]["participant"] == "Bích Xoáthửan"
    assert [c["purpose"] for c in sections["consents"]] == ["marketing_email"]
    assert [s["lot"] for s in sections["scans"]] == ["LO-an"]
    assert len(sections["complaints"]) == 1
    assert [e["title"] for e in sections["enquiries"]] == ["Cần mua chè an"]
    text = response.content.decode()
    for theirs in (
        other.email,
        other_order.number,
        "Xoáthửbinh",
        "LO-binh",
        "976543210",
        "chè binh",
    ):
        assert theirs not in text

    readable = client.get("/account/data/export/")
    assert readable.status_code == 200
    assert my_order.number in readable.content.decode()
    assert other_order.number not in readable.content.decode()
    assert DataRequest.objects.filter(user=me, kind="export", status="done").count() == 2


def text_columns():
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field


def rows_mentioning(needle: str) -> list[str]:
    found = []
    for model, field in text_columns():
        qs = model._default_manager.all()
        if isinstance(field, models.JSONField):
            qs = qs.annotate(_as_text=Cast(field.name, models.TextField()))
            lookup = "_as_text__icontains"
        else:
            lookup = f"{field.name}__icontains"
        if qs.filter(**{lookup: needle}).exists():
            found.append(f"{model._meta.label}.{field.name}")
    return found


def test_deletion_anonymises_orders_and_leaves_no_personal_data(django_user_model):
    me, client, my_order = person(django_user_model, "cuong", "0965 432 109")
    other, _, other_order = person(django_user_model, "dung", "0954 321 098")
    total = my_order.total_incl_tax

    bad = client.post("/account/data/", {"kind": "deletion"})  # the box is not ticked
    assert bad.status_code == 400
    assert django_user_model.objects.get(pk=me.pk).email == me.email

    response = client.post("/account/data/", {"kind": "deletion", "confirm": "on"})
    assert response.status_code == 302

    for needle in (me.email, "Xoáthửcuong", "965432109", "cuong Phố Huế", "cuong Hàng Bạc"):
        assert rows_mentioning(needle) == [], needle
    # The order stays for the accounts, without who or where.
    my_order.refresh_from_db()
    assert my_order.total_incl_tax == total
    assert my_order.lines.count() == 1
    assert my_order.shipping_address.line1 == ""
    assert my_order.complaints.get().outcome == ""
    # Nobody else's data went with it.
    assert rows_mentioning(other.email)
    assert rows_mentioning("Xoáthửdung")
    other_order.refresh_from_db()
    assert other_order.shipping_address.phone_number
    # The account is closed: the old session no longer works.
    assert client.get("/account/data/").status_code == 302
    assert DataRequest.objects.get(user=me, kind="deletion").status == "done"


def test_requests_are_acknowledged_at_once_with_deadlines(client, buyer, settings):
    client.force_login(buyer)
    before = timezone.now()
    response = client.post("/account/data/", {"kind": "correction", "details": "Sai số nhà."})
    assert response.status_code == 302
    found = DataRequest.objects.get(user=buyer, kind="correction")
    assert found.acknowledged_at >= before
    assert found.status == "acknowledged"
    assert found.acknowledge_by - found.received_at >= datetime.timedelta(days=2)
    assert found.due_at - found.received_at == datetime.timedelta(
        days=settings.COMPLIANCE_REQUEST_FULFIL_DAYS
    )
    assert client.get(f"/account/data/requests/{found.pk}/").status_code == 200


def test_another_users_request_is_a_404(coop_a_client, buyer):
    found = DataRequest.objects.create(user=buyer, kind="correction", details="…")
    assert coop_a_client.get(f"/account/data/requests/{found.pk}/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "correction"},  # what to correct?
        {"kind": "export"},  # downloaded, not requested
        {"kind": "nonsense"},
        {"kind": "restriction", "details": "x" * 2001},
    ],
)
def test_bad_requests_save_nothing(buyer_client, buyer, data):
    assert buyer_client.post("/account/data/", data).status_code == 400
    assert not DataRequest.objects.filter(user=buyer).exists()


def test_a_restriction_withdraws_every_consent_at_once(buyer_client, buyer):
    consent.record(buyer, "marketing_email", True, "form")
    consent.record(buyer, "analytics", True, "form")
    assert buyer_client.post("/account/data/", {"kind": "restriction"}).status_code == 302
    assert not consent.allows(buyer, "marketing_email")
    assert not consent.allows(buyer, "analytics")
    assert not consent.allows(buyer, "scan_location")
