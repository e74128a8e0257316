"""Processing and packing steps posted through the API as EPCIS 2.0 TransformationEvents and
AggregationEvents: the dashboard's rules, the origin page and the export, round-trip equal."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings

from api.models import AuditEntry
from tests.api_helpers import (
    aggregation_event,
    api_client,
    post,
    token_for,
    transformation_event,
)
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory
from traceability import epcis, gs1
from traceability.models import JourneyEvent
from traceability.places import Party, Place

pytestmark = pytest.mark.django_db

PREFIX = "8931234"
CORE = ["type", "eventTime", "eventTimeZoneOffset", "bizStep", "disposition"]
OURS = ["ocop:step", "ocop:place", "ocop:actor", "ocop:description"]
WHERE = ["bizLocation", "readPoint"]


@pytest.fixture
def coop():
    """A cooperative with a GS1 prefix, one product, one workshop and its all-scopes token."""
    partner = CooperativeFactory()
    product = ProductFactory(partner=partner)
    party = Party.for_partner(partner)
    party.set_prefix(PREFIX)
    Place.objects.create(party=party, kind="workshop", name="Xưởng chế biến")
    _token, secret = token_for(partner.users.get())
    return partner, product, api_client(secret)


def workshop(batch):
    return Place.objects.get(party__partner=batch.partner)


def transformation(batch, inputs, **extra) -> dict:
    return transformation_event(batch, inputs, workshop(batch), **extra)


def aggregation(batch, **extra) -> dict:
    return aggregation_event(batch, workshop(batch), **extra)


@cache
def epcis_schema() -> jsonschema.Draft7Validator:
    schema = json.loads(
        (Path(__file__).parent.parent / "data/epcis/EPCIS-JSON-Schema.json").read_text()
    )
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def exported_event(client, batch, event_id: str) -> dict:
    """The event in the batch's EPCIS export, a document that meets GS1's JSON Schema."""
    answer = client.get(f"/api/v1/batches/{batch.pk}/epcis/")
    assert answer.status_code == 200
    errors = [e.message for e in epcis_schema().iter_errors(answer.json())]
    assert not errors, errors[:3]
    (found,) = [e for e in answer.json()["epcisBody"]["eventList"] if e["eventID"] == event_id]
    return found


def origin_page(client, batch) -> str:
    page = client.get(batch.code_uri().removeprefix(settings.TRACE_BASE_URL))
    assert page.status_code == 200
    return page.content.decode()


def test_a_processing_step_from_another_cooperatives_lot_round_trips(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    bought = BatchFactory(events=1)  # another cooperative's published lot
    sent = transformation(batch, [bought])
    response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", sent)
    assert response.status_code == 201, response.content
    event = JourneyEvent.objects.get(batch=batch, kind="processing")
    assert list(event.input_batches.all()) == [bought]
    exported = exported_event(client, batch, response.json()["eventID"])
    assert exported == response.json()
    keys = CORE + OURS + WHERE + ["inputQuantityList", "outputQuantityList"]
    for key in keys:
        assert exported[key] == sent[key], key
    # Both origin pages link the lots, as when the dashboard records the step.
    assert "Xưởng chế biến, lò sao chè" in origin_page(client, batch)
    assert bought.lot in origin_page(client, batch)
    assert batch.lot in origin_page(client, bought)
    # The input lot's own export holds the step too ("one step forward").
    assert exported_event(client, bought, exported["eventID"]) == exported
    assert AuditEntry.objects.get(status=201).object_ids == [event.pk]


def test_a_processing_step_naming_only_its_own_lot_records_no_input(coop):
    """What the export writes for a step without input lots comes back as one."""
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    sent = transformation(batch, [batch])
    response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", sent)
    assert response.status_code == 201, response.content
    assert not JourneyEvent.objects.get(batch=batch, kind="processing").input_batches.exists()
    assert response.json()["inputQuantityList"] == sent["inputQuantityList"]


def test_a_packing_step_gets_its_sscc_and_round_trips(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    sent = aggregation(batch)
    response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", sent)
    assert response.status_code == 201, response.content
    event = JourneyEvent.objects.get(batch=batch, kind="packing")
    assert gs1.is_valid_sscc(event.sscc) and event.sscc.startswith("0" + PREFIX)
    answer = response.json()
    assert answer["parentID"] == gs1.sscc_uri(event.sscc)
    assert "ocop:fallbackIdentifiers" not in answer
    exported = exported_event(client, batch, answer["eventID"])
    assert exported == answer
    for key in CORE + OURS + WHERE + ["action", "childQuantityList"]:
        assert exported[key] == sent[key], key
    assert "Xưởng chế biến, khu đóng thùng" in origin_page(client, batch)


def test_a_draft_batchs_steps_are_posted_and_the_batch_published(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=0, publish=False)
    own_input = BatchFactory(product=ProductFactory(partner=batch.partner), events=1)
    for body in (transformation(batch, [own_input]), aggregation(batch)):
        response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", body)
        assert response.status_code == 201, response.content
    assert post(client, f"/api/v1/me/batches/{batch.pk}/publish/", None).status_code == 200
    export = client.get(f"/api/v1/batches/{batch.pk}/epcis/").json()["epcisBody"]["eventList"]
    types = [e["type"] for e in export if e.get("ocop:step") in ("processing", "packing")]
    assert types == ["TransformationEvent", "AggregationEvent"]


def test_input_lots_must_be_published_batches_other_than_this_one(coop):
    partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    others_draft = BatchFactory(events=1, publish=False)
    own_draft = BatchFactory(product=ProductFactory(partner=partner), events=1, publish=False)
    url = f"/api/v1/me/batches/{batch.pk}/events/"
    cases = [
        transformation(batch, [others_draft]),
        transformation(batch, [own_draft]),
        transformation(batch, [BatchFactory(events=1), batch]),
        {
            **transformation(batch, []),
            "inputQuantityList": [{"epcClass": "https://id.gs1.org/01/08930000000017/10/X"}],
        },
    ]
    for body in cases:
        response = post(client, url, body)
        assert response.status_code == 400, response.content
        pointers = [e["pointer"] for e in response.json()["errors"]]
        assert pointers == ["#/inputQuantityList"], response.json()
    too_many = transformation(batch, [batch] * 21)
    assert post(client, url, too_many).status_code == 400
    assert not batch.events.filter(kind="processing").exists()


def test_the_output_must_be_this_cooperatives_batch(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    others = BatchFactory(events=1)
    # Another cooperative's batch as the output, by its id: not found.
    for body in (transformation(batch, []), aggregation(batch)):
        response = post(client, f"/api/v1/me/batches/{others.pk}/events/", body)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    # Or named in the event about one of ours: refused by field.
    named = transformation(batch, [])
    named["outputQuantityList"] = [{"epcClass": epcis.lot_class_uri(others)}]
    response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", named)
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/outputQuantityList/0/epcClass"
    child = aggregation(batch, childEPCs=[epcis.serial_epc_uri(others, "ABC123")])
    response = post(client, f"/api/v1/me/batches/{batch.pk}/events/", child)
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/childEPCs/0"
    steps = JourneyEvent.objects.filter(batch__in=[batch, others])
    assert not steps.filter(kind__in=["processing", "packing"]).exists()
    assert set(AuditEntry.objects.values_list("status", flat=True)) == {400, 404}


def test_events_of_these_types_that_do_not_fit_are_refused_by_field(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    url = f"/api/v1/me/batches/{batch.pk}/events/"
    cases = [
        (transformation(batch, [], bizStep="packing"), "#/bizStep"),
        (transformation(batch, [], **{"ocop:step": "harvest"}), "#/ocop:step"),
        (aggregation(batch, action="DELETE"), "#/action"),
        (aggregation(batch, disposition="in_transit"), "#/disposition"),
        (aggregation(batch, parentID=gs1.sscc_uri("089312340000000011")), "#/parentID"),
        ({**aggregation(batch), "type": "AssociationEvent"}, "#/type"),
        ({**aggregation(batch), "type": None}, "#/type"),
    ]
    for body, pointer in cases:
        response = post(client, url, body)
        assert response.status_code == 400, (body, response.content)
        assert pointer in [e["pointer"] for e in response.json()["errors"]], response.json()
    assert batch.events.count() == 1


def test_a_published_processing_step_is_corrected_not_changed(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    first = post(client, f"/api/v1/me/batches/{batch.pk}/events/", transformation(batch, []))
    assert first.status_code == 201
    wrong_id = first.json()["eventID"]
    bought = BatchFactory(events=1)
    fix = transformation(batch, [bought], **{"ocop:corrects": wrong_id})
    no_reason = post(client, f"/api/v1/me/batches/{batch.pk}/events/", fix)
    assert no_reason.status_code == 400
    assert [e["pointer"] for e in no_reason.json()["errors"]] == ["#/ocop:reason"]
    fix["ocop:reason"] = "Quên ghi lô nguyên liệu mua của HTX bạn"
    fixed = post(client, f"/api/v1/me/batches/{batch.pk}/events/", fix)
    assert fixed.status_code == 201, fixed.content
    assert fixed.json()["ocop:corrects"] == wrong_id
    corrected = exported_event(client, batch, wrong_id)
    assert corrected["errorDeclaration"]["correctiveEventIDs"] == [fixed.json()["eventID"]]
    assert batch.events.filter(kind="processing").count() == 2


def test_a_step_sent_twice_with_one_key_is_recorded_once(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    url = f"/api/v1/me/batches/{batch.pk}/events/"
    first = post(client, url, aggregation(batch), HTTP_IDEMPOTENCY_KEY="pack-1")
    again = post(client, url, aggregation(batch), HTTP_IDEMPOTENCY_KEY="pack-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert batch.events.filter(kind="packing").count() == 1
