"""Every published batch's and unit's EPCIS document meets GS1's standard and answers who,
what, where, when and why (the Global Traceability Standard, TCVN 12850:2019)."""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from django.db.models import F

from tests.flows import path_of
from traceability import gs1
from traceability.models import Batch, JourneyEvent, Party, Place, Serial

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent.parent / "data" / "epcis" / "EPCIS-JSON-Schema.json"
LD = "application/ld+json"


@cache
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text())
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    # Without these two the formats would pass unchecked: the test must not pass silently.
    assert {"uri", "date-time"} <= set(checker.checkers)
    return jsonschema.Draft7Validator(schema, format_checker=checker)


@cache
def vocabulary(name: str) -> set[str]:
    """The CBV words the schema itself lists for ``bizStep`` or ``disposition``."""
    definition = json.loads(SCHEMA.read_text())["definitions"][name]
    return set(next(d["enum"] for d in definition["anyOf"] if "enum" in d))


def document_of(client, uri: str) -> dict:
    response = client.get(path_of(uri), HTTP_ACCEPT=LD)
    assert response.status_code == 200 and response["Content-Type"].startswith(LD)
    document = json.loads(response.content)
    errors = sorted(validator().iter_errors(document), key=str)
    assert not errors, (uri, [e.message for e in errors[:3]])
    return document


def is_lot(uri: str) -> bool:
    lot = gs1.parse_lot_uri(uri)
    return lot is not None and gs1.is_valid_gtin(lot[0])


def is_unit(uri: str) -> bool:
    unit = gs1.parse_serial_uri(uri)
    return unit is not None and gs1.is_valid_gtin(unit[0])


def is_party(uri: str) -> bool:
    prefix = f"{gs1.CANONICAL_DL}/{gs1.AI_PGLN}/"
    return uri.startswith(prefix) and gs1.is_valid_gln(uri[len(prefix) :])


def assert_answers_who_what_where_when_why(event: dict) -> None:
    when = datetime.datetime.fromisoformat(event["eventTime"])
    assert when.utcoffset() is not None, event  # when, with its zone
    offset = event["eventTimeZoneOffset"]
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    sign = -1 if offset[0] == "-" else 1
    assert when.utcoffset() == sign * datetime.timedelta(hours=hours, minutes=minutes)
    assert event["bizStep"] in vocabulary("bizStep")  # why
    assert event["disposition"] in vocabulary("disposition")
    for key in ("readPoint", "bizLocation"):  # where: a GLN
        gln = gs1.parse_gln_uri(event[key]["id"])
        assert gln is not None and gs1.is_valid_gln(gln[0]), event
    kind = event["type"]  # what: GS1 keys
    if kind == "ObjectEvent":
        named = event.get("epcList", []) + [q["epcClass"] for q in event.get("quantityList", [])]
        assert named and all(is_unit(u) or is_lot(u) for u in named), event
    elif kind == "AggregationEvent":
        sscc = event["parentID"].rsplit("/00/", 1)[-1]
        assert event["parentID"] == gs1.sscc_uri(sscc) and gs1.is_valid_sscc(sscc)
        assert all(is_lot(q["epcClass"]) for q in event["childQuantityList"])
    elif kind == "TransformationEvent":  # inputs on transformations
        assert event["inputQuantityList"] and event["outputQuantityList"]
        for q in event["inputQuantityList"] + event["outputQuantityList"]:
            assert is_lot(q["epcClass"]), event
    else:
        pytest.fail(f"unexpected event type {kind}")
    if event["bizStep"] in ("shipping", "receiving"):  # who, where goods change hands
        for side, key in (("sourceList", "source"), ("destinationList", "destination")):
            parties = {p["type"]: p[key] for p in event[side]}
            assert {"owning_party", "possessing_party"} <= set(parties), event
            assert all(is_party(uri) for uri in parties.values()), event
    else:
        assert is_party(event["ocop:party"]), event
    assert "ocop:fallbackIdentifiers" not in event


def test_every_published_batchs_document_meets_the_standard_and_answers_the_five_ws(client):
    batches = list(Batch.objects.published().order_by("pk"))
    assert len(batches) > 50
    kinds, steps = set(), set()
    for batch in batches:
        events = document_of(client, batch.uri)["epcisBody"]["eventList"]
        assert events
        for event in events:
            assert_answers_who_what_where_when_why(event)
            kinds.add(event["type"])
            steps.add(event["bizStep"])
    assert kinds == {"ObjectEvent", "AggregationEvent", "TransformationEvent"}
    assert {"commissioning", "packing", "shipping", "creating_class_instance"} <= steps


def test_every_serials_document_meets_the_standard_and_names_its_unit(client):
    serials = list(Serial.objects.filter(batch__status="published").select_related("batch"))
    assert len(serials) >= 100
    for serial in serials:
        events = document_of(client, serial.uri)["epcisBody"]["eventList"]
        for event in events:
            assert_answers_who_what_where_when_why(event)
        sgtin = gs1.DigitalLink(serial.batch.gtin, None, serial.code).uri(gs1.CANONICAL_DL)
        own = [e for e in events if sgtin in e.get("epcList", [])]
        assert len(own) == 1 and own[0]["action"] == "ADD"
        assert own[0]["bizStep"] == "commissioning"
        lot = {q["epcClass"] for e in events for q in e.get("quantityList", [])}
        assert lot == {gs1.DigitalLink(serial.batch.gtin, serial.batch.lot).uri(gs1.CANONICAL_DL)}


def test_a_batch_made_from_another_cooperatives_lot_links_to_it_and_back(client):
    link = (
        JourneyEvent.input_batches.through.objects.exclude(
            batch__partner=F("journeyevent__batch__partner")
        )
        .select_related("batch", "journeyevent__batch")
        .first()
    )
    assert link is not None, "the demo has a batch made from another cooperative's lot"
    made, supplier = link.journeyevent.batch, link.batch
    assert made.partner_id != supplier.partner_id

    made_page = client.get(path_of(made.uri)).content.decode()
    assert "Làm từ" in made_page and supplier.uri in made_page
    supplier_page = client.get(path_of(supplier.uri)).content.decode()
    assert "Được dùng để làm" in supplier_page and made.uri in supplier_page

    supplier_class = gs1.DigitalLink(supplier.gtin, supplier.lot).uri(gs1.CANONICAL_DL)
    made_class = gs1.DigitalLink(made.gtin, made.lot).uri(gs1.CANONICAL_DL)
    for batch in (made, supplier):  # the transformation is in both lots' documents
        events = document_of(client, batch.uri)["epcisBody"]["eventList"]
        transformation = [
            e
            for e in events
            if e["type"] == "TransformationEvent"
            and supplier_class in {q["epcClass"] for q in e["inputQuantityList"]}
            and e["outputQuantityList"][0]["epcClass"] == made_class
        ]
        assert len(transformation) == 1


def test_a_cooperative_without_a_prefix_still_traces_with_flagged_fallbacks(client):
    from tests.factories import BatchFactory, CooperativeFactory, ProductFactory

    partner = CooperativeFactory()
    batch = BatchFactory(product=ProductFactory(partner=partner), events=8)
    party = Party.objects.get(partner=partner)
    assert party.gln == "" and not Place.objects.filter(party=party).exclude(gln="").exists()
    events = document_of(client, batch.uri)["epcisBody"]["eventList"]
    assert len(events) == 8
    for event in events:
        assert event["ocop:fallbackIdentifiers"] is True
        assert event["bizLocation"]["id"].startswith("urn:ocop:place:")
        if event["type"] == "AggregationEvent":
            assert event["parentID"].startswith("urn:ocop:unit:")
        if event["bizStep"] == "shipping":
            assert event["sourceList"][0]["source"] == f"urn:ocop:party:{partner.pk}"
            assert is_party(event["destinationList"][0]["destination"])  # the shop has a GLN
        elif event["bizStep"] != "receiving":
            assert event["ocop:party"] == f"urn:ocop:party:{partner.pk}"
