"""A published batch's printed facts are frozen; a change is a correction, shown with its reason."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory
from tests.flows import path_of
from traceability.models import Attachment, Batch, JourneyEvent

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
BASE = "/dashboard/traceability"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
FROZEN_VI = "Lô đã công bố: thông tin hiển thị trên trang nguồn gốc không thể sửa."
FROZEN_EN = "The batch is published: what its origin page shows cannot be edited."


@pytest.fixture
def product(coop_a_user):
    return ProductFactory(partner=Partner.objects.get(users=coop_a_user))


@pytest.fixture
def batch(product):
    return BatchFactory(product=product, lot="FROZEN-1", inputs="Chè trung du")


def form_of(batch: Batch, **changes) -> dict:
    data = {
        "product": batch.product_id,
        "lot": batch.lot,
        "produced_on": batch.produced_on.isoformat(),
        "expires_on": batch.expires_on.isoformat() if batch.expires_on else "",
        "quantity": batch.quantity,
        "unit": batch.unit,
        "origin_name": batch.origin_name,
        "growing_area_code": batch.growing_area_code,
        "province_code": batch.province_code,
        "commune_code": batch.commune_code,
        "inputs": batch.inputs,
        "notes": batch.notes,
    }
    return {**data, **changes}


def test_a_draft_batch_stays_editable(coop_a_client, product):
    draft = BatchFactory(product=product, lot="DRAFT-9", publish=False)
    response = coop_a_client.post(
        f"{BASE}/batches/{draft.pk}/edit/", form_of(draft, quantity=42, lot="DRAFT-10")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.quantity, draft.lot) == (42, "DRAFT-10")
    draft.origin_name = "Đồi mới"
    draft.save()  # the model too
    # A draft has nothing to correct: its correction page leads to the edit form.
    response = coop_a_client.get(f"{BASE}/batches/{draft.pk}/correct/")
    assert response.status_code == 302 and response["Location"].endswith(f"/{draft.pk}/edit/")


@pytest.mark.parametrize(
    "change",
    [
        {"quantity": 900},
        {"produced_on": "2025-01-02"},
        {"expires_on": "2030-01-01"},
        {"unit": "thùng"},
        {"origin_name": "Nơi khác"},
        {"growing_area_code": "VN-XX-1"},
        {"province_code": "79"},
        {"inputs": "Phân bón khác"},
        {"lot": "CHANGED"},
    ],
)
def test_the_form_refuses_to_change_what_a_published_batch_printed(coop_a_client, batch, change):
    response = coop_a_client.post(f"{BASE}/batches/{batch.pk}/edit/", form_of(batch, **change))
    assert response.status_code == 200
    (field,) = change
    assert FROZEN_VI in " ".join(response.context["form"].errors[field])
    assert Batch.objects.get(pk=batch.pk).__dict__[field] == batch.__dict__[field]


def test_the_refusal_is_in_english_for_english_users(coop_a_client, batch):
    coop_a_client.cookies["django_language"] = "en"
    response = coop_a_client.post(f"{BASE}/batches/{batch.pk}/edit/", form_of(batch, quantity=1))
    assert FROZEN_EN in " ".join(response.context["form"].errors["quantity"])


def test_the_notes_of_a_published_batch_stay_editable(coop_a_client, batch):
    response = coop_a_client.post(
        f"{BASE}/batches/{batch.pk}/edit/", form_of(batch, notes="Kho số 2")
    )
    assert response.status_code == 302
    assert Batch.objects.get(pk=batch.pk).notes == "Kho số 2"
    page = coop_a_client.get(f"{BASE}/batches/{batch.pk}/edit/").content.decode()
    assert f"{BASE}/batches/{batch.pk}/correct/" in page  # the way to change the rest


def test_a_browsers_line_ends_are_no_change(coop_a_client, product):
    batch = BatchFactory(product=product, lot="LINES-1", inputs="Chè trung du\nPhân hữu cơ")
    posted = form_of(batch, inputs="Chè trung du\r\nPhân hữu cơ ", notes="Kho 3")
    response = coop_a_client.post(f"{BASE}/batches/{batch.pk}/edit/", posted)
    assert response.status_code == 302
    assert Batch.objects.get(pk=batch.pk).inputs == "Chè trung du\nPhân hữu cơ"
    correction = {**posted, "quantity": 499, "reason": "Đếm lại"}
    response = coop_a_client.post(f"{BASE}/batches/{batch.pk}/correct/", correction)
    assert response.status_code == 302
    changes = batch.events.get(kind=JourneyEvent.Kind.CORRECTION).changes
    assert [change["field"] for change in changes] == ["quantity"]


def test_the_model_refuses_to_change_what_a_published_batch_printed(batch, product):
    stored = Batch.objects.get(pk=batch.pk)
    stored.quantity = 1
    with pytest.raises(ValidationError) as refused:
        stored.full_clean()
    assert "quantity" in refused.value.message_dict
    with pytest.raises(ValidationError):
        stored.save()
    with pytest.raises(ValidationError):
        Batch.objects.filter(pk=batch.pk).update(quantity=1)
    with pytest.raises(ValidationError):
        Batch.objects.filter(product=product).update(expires_on=None, produced_on="2020-01-01")
    stranger = Batch.objects.get(pk=batch.pk)
    stranger.status = Batch.Status.DRAFT  # unpublishing would reopen every field
    with pytest.raises(ValidationError):
        stranger.save()
    copy = Batch(pk=batch.pk, **{f: getattr(batch, f) for f in ("product_id", "partner_id")})
    with pytest.raises(ValidationError):
        copy.save()  # a new object under the same key is no way around it
    assert Batch.objects.get(pk=batch.pk).quantity == batch.quantity
    # What is not printed still changes, by save and by update.
    stored = Batch.objects.get(pk=batch.pk)
    stored.notes = "ghi chú"
    stored.save()
    Batch.objects.filter(pk=batch.pk).update(notes="ghi chú 2")
    assert Batch.objects.get(pk=batch.pk).notes == "ghi chú 2"


def test_a_correction_is_recorded_and_shown_on_the_origin_page(
    client, coop_a_client, coop_a_user, batch
):
    page = coop_a_client.get(f"{BASE}/batches/{batch.pk}/correct/")
    assert page.status_code == 200
    url = f"{BASE}/batches/{batch.pk}/correct/"
    unchanged = {**form_of(batch), "reason": "Không đổi"}
    response = coop_a_client.post(url, unchanged)
    assert response.status_code == 200 and "Không có gì thay đổi." in response.content.decode()
    no_reason = {**form_of(batch, quantity=450), "reason": ""}
    response = coop_a_client.post(url, no_reason)
    assert "reason" in response.context["form"].errors
    assert Batch.objects.get(pk=batch.pk).quantity == 500

    scan = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE)  # cache the page first
    assert "Đính chính sau khi công bố" not in scan.content.decode()
    data = {
        **form_of(batch, quantity=450, province_code="79", inputs="Chè Shan tuyết"),
        "reason": "Đếm lại sau khi đóng gói",
    }
    response = coop_a_client.post(url, data)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.quantity, batch.province_code, batch.inputs) == (450, "79", "Chè Shan tuyết")
    correction = batch.events.get(kind=JourneyEvent.Kind.CORRECTION)
    assert correction.reason == "Đếm lại sau khi đóng gói" and correction.created_by == coop_a_user
    assert correction.changes == [
        {"field": "quantity", "old": 500, "new": 450},
        {"field": "province_code", "old": "01", "new": "79"},
        {"field": "inputs", "old": "Chè trung du", "new": "Chè Shan tuyết"},
    ]

    html = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).content.decode()
    assert "Đính chính sau khi công bố" in html and "Đếm lại sau khi đóng gói" in html
    assert "<s>500</s> → 450" in html
    assert "<s>Thành phố Hà Nội</s> → Thành phố Hồ Chí Minh" in html
    assert "<s>Chè trung du</s> → Chè Shan tuyết" in html
    assert f"<strong>{timezone.localdate(correction.occurred_at):%d/%m/%Y}</strong>" in html
    assert 'class="timeline"' in html and html.count("Đính chính</div>") == 0  # not a step
    english = client.get(
        path_of(batch.uri), HTTP_USER_AGENT=PHONE, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Corrected after publication" in english and "Quantity: <s>500</s> → 450" in english
    # The dashboard shows it too; EPCIS carries the corrected facts, not an event for it.
    detail = coop_a_client.get(f"{BASE}/batches/{batch.pk}/").content.decode()
    assert "Đếm lại sau khi đóng gói" in detail
    document = client.get(path_of(batch.uri), HTTP_ACCEPT="application/ld+json").json()
    assert len(document["epcisBody"]["eventList"]) == batch.events.count() - 1


def test_dates_are_corrected_and_shown_as_dates(client, coop_a_user, batch):
    old = batch.expires_on
    new = old + datetime.timedelta(days=30)
    batch.correct({"expires_on": new}, "In nhầm hạn dùng", coop_a_user)
    html = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).content.decode()
    assert f"Ngày hết hạn: <s>{old:%d/%m/%Y}</s> → {new:%d/%m/%Y}" in html


def test_the_codes_and_owner_are_never_corrected(batch, coop_a_user):
    for change in ({"lot": "NEW"}, {"product": batch.product}, {"partner": batch.partner}):
        with pytest.raises(ValidationError):
            batch.correct(change, "thử", coop_a_user)
    with pytest.raises(ValidationError):
        batch.correct({"quantity": 7}, "   ", coop_a_user)  # a reason is needed
    with pytest.raises(ValidationError):
        batch.correct({"quantity": -7}, "số âm", coop_a_user)  # and a valid value
    assert not batch.events.filter(kind=JourneyEvent.Kind.CORRECTION).exists()
    assert Batch.objects.get(pk=batch.pk).quantity == 500


def test_a_correction_step_cannot_be_made_through_the_journey_form(coop_a_client, batch):
    step = {"kind": "correction", "occurred_at": "2025-06-28T07:30", "place": "x", "actor": "y"}
    response = coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/new/", step)
    assert response.status_code == 200 and "kind" in response.context["form"].errors


def test_another_cooperative_cannot_correct_a_batch(coop_b_client, batch):
    url = f"{BASE}/batches/{batch.pk}/correct/"
    assert coop_b_client.get(url).status_code == 404
    response = coop_b_client.post(url, {**form_of(batch, quantity=1), "reason": "x"})
    assert response.status_code == 404
    assert Batch.objects.get(pk=batch.pk).quantity == 500
    assert not batch.events.filter(kind=JourneyEvent.Kind.CORRECTION).exists()


def test_staff_may_correct_any_batch(staff_client, staff, batch):
    url = f"{BASE}/batches/{batch.pk}/correct/"
    response = staff_client.post(url, {**form_of(batch, unit="gói"), "reason": "Sai đơn vị"})
    assert response.status_code == 302
    assert batch.events.get(kind=JourneyEvent.Kind.CORRECTION).created_by == staff


def test_corrections_cost_the_origin_page_no_query(
    client, coop_a_user, django_assert_max_num_queries
):
    demo = (
        Batch.objects.published()
        .filter(attachments__kind=Attachment.Kind.PHOTO, product__ocop_rating__isnull=False)
        .first()
    )
    batch = BatchFactory(product=demo.product, events=3)
    for quantity in (400, 300, 200):
        batch.correct({"quantity": quantity}, f"Đếm lại: {quantity}", coop_a_user)
    client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE)  # the photo's thumbnail, once
    cache.clear()
    with django_assert_max_num_queries(6):  # as without corrections: see test_origin_page.py
        html = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).content.decode()
    assert html.count("Đếm lại:") == 3
    with django_assert_max_num_queries(2):
        client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE)
