"""A cooperative's writes through the API: bulk stock and prices, batches, EPCIS events, labels."""

from __future__ import annotations

import pytest
from django.conf import settings

from api.models import AuditEntry, IdempotentRequest
from tests.api_helpers import api_client, post, token_for
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory
from traceability.models import Batch, JourneyEvent, LabelRun
from traceability.places import Party, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop():
    """A new cooperative with one product and one place (a lab), and its all-scopes token."""
    partner = CooperativeFactory()
    product = ProductFactory(partner=partner, price=100000, stock=10)
    Place.objects.create(party=Party.for_partner(partner), kind="lab", name="Phòng kiểm nghiệm")
    _token, secret = token_for(partner.users.get())
    return partner, product, api_client(secret)


def test_bulk_stock_and_price_update_is_audited(coop):
    partner, product, client = coop
    record = product.stockrecords.get()
    response = post(
        client,
        "/api/v1/me/stock/",
        {"items": [{"sku": record.partner_sku, "price": 95000, "stock_change": 5}]},
    )
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.price == 95000 and record.num_in_stock == 15
    assert response.json()["results"][0]["price"] == 95000
    entry = AuditEntry.objects.get()
    assert entry.partner == partner and entry.object_ids == [record.pk]
    assert entry.action == "stock.update" and entry.status == 200


def test_the_same_idempotency_key_twice_changes_stock_once(coop):
    _partner, product, client = coop
    record = product.stockrecords.get()
    body = {"items": [{"id": record.pk, "stock_change": 3}]}
    first = post(client, "/api/v1/me/stock/", body, HTTP_IDEMPOTENCY_KEY="k-1")
    second = post(client, "/api/v1/me/stock/", body, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    record.refresh_from_db()
    assert record.num_in_stock == 13
    assert AuditEntry.objects.count() == 1
    other = post(
        client,
        "/api/v1/me/stock/",
        {"items": [{"id": record.pk, "stock_change": 1}]},
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert other.status_code == 409
    assert IdempotentRequest.objects.count() == 1


def test_a_refused_bulk_update_changes_nothing(coop):
    _partner, product, client = coop
    record = product.stockrecords.get()
    response = post(
        client,
        "/api/v1/me/stock/",
        {"items": [{"id": record.pk, "price": 1}, {"id": record.pk + 10**9, "price": 2}]},
    )
    assert response.status_code == 404
    bad = post(client, "/api/v1/me/stock/", {"items": [{"id": record.pk, "stock_change": -50}]})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["pointer"] == "#/items/0/stock_change"
    decimal = post(client, "/api/v1/me/stock/", {"items": [{"id": record.pk, "price": 1.5}]})
    assert decimal.status_code == 400
    record.refresh_from_db()
    assert record.price == 100000 and record.num_in_stock == 10


def event_body(batch, **extra):
    lab = Place.objects.get(party__partner=batch.partner, name="Phòng kiểm nghiệm")
    return {
        "bizLocation": {"id": lab.uri()},
        "readPoint": {"id": lab.uri()},
        "type": "ObjectEvent",
        "eventTime": "2026-11-20T08:30:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "action": "OBSERVE",
        "bizStep": "inspecting",
        "disposition": "conformant",
        "epcList": [],
        "ocop:step": "inspection",
        "ocop:place": "Phòng thí nghiệm Quatest 1",
        "ocop:actor": "Quatest 1",
        "ocop:description": "Kiểm nghiệm dư lượng thuốc bảo vệ thực vật: đạt",
        **extra,
    }


def test_a_batch_is_created_journeyed_published_and_labelled(coop):
    partner, product, client = coop
    created = post(
        client,
        "/api/v1/me/batches/",
        {
            "product": product.pk,
            "lot": "API-001",
            "produced_on": "2026-11-01",
            "quantity": 200,
            "unit": "hộp",
            "origin_name": "Đồi chè lô 3",
            "province_code": "01",
        },
        HTTP_IDEMPOTENCY_KEY="batch-api-001",
    )
    assert created.status_code == 201, created.content
    batch = Batch.objects.get(pk=created.json()["id"])
    assert batch.partner == partner and batch.status == "draft"
    # Publishing a batch without a journey is refused, as in the dashboard.
    assert post(client, f"/api/v1/me/batches/{batch.pk}/publish/", None).status_code == 409
    event = post(client, f"/api/v1/me/batches/{batch.pk}/events/", event_body(batch))
    assert event.status_code == 201, event.content
    assert (
        post(client, f"/api/v1/me/batches/{batch.pk}/label-runs/", {"quantity": 2}).status_code
        == 409
    )
    published = post(client, f"/api/v1/me/batches/{batch.pk}/publish/", None)
    assert published.status_code == 200 and published.json()["status"] == "published"
    run = post(client, f"/api/v1/me/batches/{batch.pk}/label-runs/", {"quantity": 2})
    assert run.status_code == 202, run.content
    progress = client.get(f"/api/v1/me/label-runs/{run.json()['id']}/")
    assert progress.status_code == 200
    assert progress.json()["status"] in {s for s, _ in LabelRun.Status.choices}
    done = AuditEntry.objects.filter(partner=partner, status__lt=400).order_by("pk")
    actions = list(done.values_list("action", flat=True))
    assert actions == ["batch.create", "event.create", "batch.publish", "labels.request"]
    refused = AuditEntry.objects.filter(partner=partner, status=409).order_by("pk")
    assert list(refused.values_list("action", flat=True)) == ["batch.publish", "labels.request"]
    # The same creation sent again is answered from the stored answer, not a second batch.
    again = post(
        client, "/api/v1/me/batches/", {"lot": "whatever"}, HTTP_IDEMPOTENCY_KEY="batch-api-001"
    )
    assert again.status_code == 409


def test_a_posted_event_is_on_the_origin_page_and_round_trips_through_the_export(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    sent = event_body(batch, quantityList=[{"epcClass": batch.code_uri()}])
    response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", sent)
    assert response.status_code == 201, response.content
    page = client.get(batch.code_uri().removeprefix(settings.TRACE_BASE_URL))
    assert page.status_code == 200
    assert "Phòng thí nghiệm Quatest 1" in page.content.decode()
    export = client.get(f"/api/v1/batches/{batch.pk}/epcis/").json()["epcisBody"]["eventList"]
    (exported,) = [e for e in export if e.get("ocop:place") == sent["ocop:place"]]
    assert exported == response.json()
    core = ["type", "eventTime", "eventTimeZoneOffset", "action", "bizStep", "disposition"]
    ours = ["ocop:step", "ocop:place", "ocop:actor", "ocop:description"]
    # Where: the place posted, as the export names it (when the export names places).
    where = [key for key in ("bizLocation", "readPoint") if key in exported]
    for key in core + ours + where:
        assert exported[key] == sent[key], key


def test_a_published_journey_is_append_only_and_corrections_need_a_reason(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    first = batch.events.get()
    from traceability import epcis

    wrong_id = epcis.event_id(batch, first.pk)
    no_reason = post(
        client,
        f"/api/v1/me/batches/{batch.pk}/events/",
        event_body(batch, **{"ocop:corrects": wrong_id}),
    )
    assert no_reason.status_code == 400
    assert any(e["pointer"] == "#/ocop:reason" for e in no_reason.json()["errors"])
    fixed = post(
        client,
        f"/api/v1/me/batches/{batch.pk}/events/",
        event_body(batch, **{"ocop:corrects": wrong_id, "ocop:reason": "Sai ngày"}),
    )
    assert fixed.status_code == 201, fixed.content
    assert fixed.json()["ocop:corrects"] == wrong_id
    assert JourneyEvent.objects.filter(batch=batch).count() == 2


def test_events_that_do_not_fit_are_refused_with_field_errors(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    other = BatchFactory(product=ProductFactory(partner=product.stockrecords.get().partner))
    cases = [
        ({"type": "AssociationEvent"}, "#/type"),
        ({"bizStep": "dancing"}, "#/bizStep"),
        ({"action": "ADD"}, "#/action"),
        ({"eventTime": "yesterday"}, "#/eventTime"),
        ({"eventTime": "2026-02-30T08:00:00+07:00"}, "#/eventTime"),
        ({"eventTimeZoneOffset": "+08:00"}, "#/eventTimeZoneOffset"),
        ({"quantityList": [{"epcClass": other.code_uri()}]}, "#/quantityList/0/epcClass"),
        ({"eventTime": "2099-01-01T00:00:00+07:00"}, "#/eventTime"),
        ({"bizLocation": {"id": "urn:ocop:place:999999999"}}, "#/bizLocation"),
    ]
    for change, pointer in cases:
        response = post(
            client, f"/api/v1/me/batches/{batch.pk}/events/", event_body(batch, **change)
        )
        assert response.status_code == 400, (change, response.content)
        assert pointer in [e["pointer"] for e in response.json()["errors"]], response.json()
    assert batch.events.count() == 1
