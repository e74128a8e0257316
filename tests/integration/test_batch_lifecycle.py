"""A cooperative registers a batch, records its journey, publishes it and prints its labels."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory, place_for
from tests.flows import path_of
from traceability.codes import CODE_ALPHABET, SERIAL_LENGTH
from traceability.models import Attachment, Batch, JourneyEvent, LabelRun, Serial

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
BASE = "/dashboard/traceability"


@pytest.fixture
def product(coop_a_user):
    return ProductFactory(partner=Partner.objects.get(users=coop_a_user))


def batch_form(product, **overrides):
    return {
        "product": product.pk,
        "lot": "2507/A-1",
        "produced_on": "2025-07-01",
        "expires_on": "2026-07-01",
        "quantity": 800,
        "unit": "gói",
        "origin_name": "Đồi chè Tân Cương, lô 3",
        "growing_area_code": "VN-TN-0123",
        "province_code": "01",
        "commune_code": "",
        "inputs": "Chè trung du",
        **overrides,
    }


@pytest.fixture
def eager_tasks():
    """Label runs made in-process, as without Redis, even where CI sets REDIS_URL."""
    from marketplace.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_a_cooperative_registers_records_publishes_and_prints(
    coop_a_client, product, client, eager_tasks, django_capture_on_commit_callbacks
):
    response = coop_a_client.post(f"{BASE}/batches/new/", batch_form(product))
    batch = Batch.objects.get(product=product, lot="2507/A-1")
    assert response.status_code == 302 and response["Location"] == f"{BASE}/batches/{batch.pk}/"
    assert batch.partner == product.stockrecords.get().partner and not batch.is_published

    step = {
        "kind": "harvest",
        "occurred_at": "2025-06-28T07:30",
        "location": place_for(batch.partner, "field").pk,
        "place": "Đồi chè",
        "actor": "Tổ hái",
        "description": "Hái 1 tôm 2 lá",
    }
    assert coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/new/", step).status_code == 302
    photo = SimpleUploadedFile("hai-che.png", _png(), content_type="image/png")
    event = batch.events.get()
    response = coop_a_client.post(
        f"{BASE}/batches/{batch.pk}/files/new/",
        {"kind": "photo", "title": "Hái chè", "file": photo, "event": event.pk},
    )
    assert response.status_code == 302
    assert Attachment.objects.get(batch=batch).thumbnail

    # Labels wait for publication: a draft has no code yet.
    assert coop_a_client.get(f"{BASE}/batches/{batch.pk}/labels/").status_code == 302
    assert client.get(path_of(batch.code_uri())).status_code == 404
    coop_a_client.post(f"{BASE}/batches/{batch.pk}/publish/")
    batch.refresh_from_db()
    assert batch.is_published and batch.uri.endswith("/10/2507%2FA-1")
    assert client.get(path_of(batch.uri)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = coop_a_client.post(
            f"{BASE}/batches/{batch.pk}/labels/",
            {"serialised": "on", "quantity": 48, "layout": "a4-3x8"},
        )
    run = LabelRun.objects.get(batch=batch)
    assert response["Location"] == f"{BASE}/runs/{run.pk}/"
    page = coop_a_client.get(f"{BASE}/runs/{run.pk}/")
    assert "Tải tệp PDF" in page.content.decode()  # eager without Redis: ready at once
    download = coop_a_client.get(f"{BASE}/runs/{run.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert batch.serials.count() == 48
    csv = coop_a_client.get(f"{BASE}/runs/{run.pk}/serials.csv")
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0] == "serial,uri" and len(lines) == 49


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (40, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_lot_is_unique_per_product(coop_a_client, product):
    BatchFactory(product=product, lot="DUP-1")
    response = coop_a_client.post(f"{BASE}/batches/new/", batch_form(product, lot="DUP-1"))
    assert "Sản phẩm này đã có một lô mang số lô này." in response.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Batch.objects.create(product=product, partner=product.stockrecords.get().partner, lot="DUP-1",
                             produced_on="2025-01-01", quantity=1, origin_name="x", province_code="01")  # fmt: skip


def test_the_commune_must_lie_in_the_chosen_province(coop_a_client, product):
    from regions import units

    elsewhere = units.communes("79")[0].code  # a commune of Hồ Chí Minh City
    response = coop_a_client.post(
        f"{BASE}/batches/new/", batch_form(product, province_code="01", commune_code=elsewhere)
    )
    assert response.status_code == 200 and "commune_code" in response.context["form"].errors


def test_expiry_must_follow_production(coop_a_client, product):
    response = coop_a_client.post(
        f"{BASE}/batches/new/", batch_form(product, expires_on="2025-06-01")
    )
    assert "expires_on" in response.context["form"].errors


def test_a_published_batch_keeps_its_product_and_lot(coop_a_client, product):
    batch = BatchFactory(product=product, lot="KEEP-1")
    response = coop_a_client.post(
        f"{BASE}/batches/{batch.pk}/edit/", batch_form(product, lot="CHANGED", quantity=900)
    )
    assert response.status_code == 200
    assert {"lot", "quantity"} <= set(response.context["form"].errors)
    batch.refresh_from_db()
    assert batch.lot == "KEEP-1" and batch.quantity == 500  # see test_batch_corrections.py


def test_a_published_journey_is_append_only_and_corrected_by_new_events(coop_a_client, product):
    batch = BatchFactory(product=product, lot="APPEND-1", events=2)
    event = batch.events.first()
    assert (
        coop_a_client.get(f"{BASE}/batches/{batch.pk}/events/{event.pk}/edit/").status_code == 404
    )
    assert (
        coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/{event.pk}/delete/").status_code
        == 404
    )
    event.place = "changed"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()

    form = coop_a_client.get(f"{BASE}/batches/{batch.pk}/events/new/?corrects={event.pk}").context[
        "form"
    ]
    assert form.initial["corrects"] == event
    step = {
        "kind": event.kind,
        "occurred_at": "2025-06-28T07:30",
        "location": place_for(batch.partner).pk,
        "place": "Đúng địa điểm",
        "actor": "x",
        "corrects": event.pk,
    }
    response = coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/new/", step)
    assert "reason" in response.context["form"].errors  # a correction says why
    step["reason"] = "Ghi nhầm địa điểm"
    assert coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/new/", step).status_code == 302
    correction = batch.events.get(place="Đúng địa điểm")
    assert correction.corrects == event and correction.reason == "Ghi nhầm địa điểm"
    assert JourneyEvent.objects.get(pk=event.pk).place != "changed"


def test_a_draft_journey_can_be_edited_and_pruned(coop_a_client, product):
    batch = BatchFactory(product=product, lot="DRAFT-1", events=2, publish=False)
    event = batch.events.first()
    step = {
        "kind": "packing",
        "occurred_at": "2025-06-28T07:30",
        "location": place_for(batch.partner).pk,
        "place": "Xưởng",
        "actor": "Tổ đóng gói",
    }
    assert (
        coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/{event.pk}/edit/", step).status_code
        == 302
    )
    assert batch.events.filter(kind="packing", place="Xưởng").exists()
    assert (
        coop_a_client.post(f"{BASE}/batches/{batch.pk}/events/{event.pk}/delete/").status_code
        == 302
    )
    assert batch.events.count() == 1


def test_a_batch_needs_a_journey_before_publication(coop_a_client, product):
    batch = BatchFactory(product=product, lot="EMPTY-1", events=0, publish=False)
    coop_a_client.post(f"{BASE}/batches/{batch.pk}/publish/")
    batch.refresh_from_db()
    assert not batch.is_published


def test_serials_are_random_unique_and_never_reused(product):
    batch = BatchFactory(product=product, lot="SER-1")
    Serial.issue(batch, 500)
    codes = list(batch.serials.values_list("code", flat=True))
    assert len(set(codes)) == 500
    assert all(len(c) == SERIAL_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert SERIAL_LENGTH * 5 >= 64  # bits of entropy in each
    with pytest.raises(IntegrityError), transaction.atomic():
        Serial.objects.create(batch=BatchFactory(product=product, lot="SER-2"), code=codes[0])


def test_label_runs_are_limited_to_the_listed_layouts(coop_a_client, product):
    batch = BatchFactory(product=product, lot="GRID-1")
    response = coop_a_client.post(
        f"{BASE}/batches/{batch.pk}/labels/", {"quantity": 10, "layout": "a4-8x20"}
    )
    assert response.status_code == 200 and "khổ tem" in response.content.decode()
    response = coop_a_client.post(
        f"{BASE}/batches/{batch.pk}/labels/", {"quantity": 10001, "layout": "a4-3x8"}
    )
    assert "quantity" in response.context["form"].errors
    assert not LabelRun.objects.filter(batch=batch).exists()


def test_the_batch_page_charts_scans_a_day(coop_a_client, product, client):
    batch = BatchFactory(product=product, lot="CHART-1")
    for _ in range(3):
        client.get(path_of(batch.uri), HTTP_USER_AGENT="Mozilla/5.0 Mobile")
    page = coop_a_client.get(f"{BASE}/batches/{batch.pk}/")
    chart = page.context["chart"]
    assert chart["total"] == 3 and len(chart["bars"]) == 30 and chart["bars"][-1]["count"] == 3
    assert "<svg" in page.content.decode()


def test_the_demo_has_batches_journeys_serials_and_a_copied_serial():
    products = (
        get_model("catalogue", "Product").objects.filter(product_class__slug="ocop-product").count()
    )
    batches = Batch.objects.published()
    assert batches.values("product").distinct().count() > products / 2
    assert not batches.filter(events__isnull=True).exists()
    assert Batch.objects.filter(serials__isnull=False).distinct().count() >= 3
    flagged = Serial.objects.flagged().get()
    assert flagged.flag == Serial.Flag.IMPOSSIBLE_TRAVEL and flagged.scans.count() > 10
    assert batches.filter(lot__contains="/").exists()
