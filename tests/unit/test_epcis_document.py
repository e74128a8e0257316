"""A batch's journey as an EPCIS 2.0 JSON-LD document, with the event type each step needs."""

from __future__ import annotations

import datetime
import json
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from traceability import epcis

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
KINDS = ["cultivation", "harvest", "processing", "packing", "inspection", "storage", "shipping"]
BIZ_STEPS = {  # CBV 2.0 business steps
    "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance",
    "cycle_counting", "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding",
    "entering_exiting", "holding", "inspecting", "installing", "killing", "loading", "other", "packing", "picking",
    "receiving", "removing", "repackaging", "repairing", "replacing", "reserving", "retail_selling", "shipping",
    "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading", "unpacking",
    "void_shipping", "sensor_reporting", "sampling",
}  # fmt: skip
DISPOSITIONS = {
    "active",
    "in_progress",
    "container_closed",
    "conformant",
    "sellable_not_accessible",
    "in_transit",
}
URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


EPCIS_KEYS = {
    kind: {
        "type",
        "eventID",
        "eventTime",
        "recordTime",
        "eventTimeZoneOffset",
        "errorDeclaration",
        "bizStep",
        "disposition",
        *extra,
    }
    for kind, extra in {
        "ObjectEvent": {"action", "quantityList", "ilmd"},
        "TransformationEvent": {"transformationID", "inputQuantityList", "outputQuantityList"},
        "AggregationEvent": {"action", "parentID", "childQuantityList"},
    }.items()
}


class FakeBatch(SimpleNamespace):
    def code_uri(self):
        return f"https://ocop.example.vn/01/{self.gtin}/10/25%2F07-A"


def event(pk, kind, day, corrects_id=None):
    when = datetime.datetime(2025, 7, day, 8, 30, tzinfo=HCM)
    return SimpleNamespace(
        pk=pk, kind=kind, occurred_at=when, created_at=when + datetime.timedelta(hours=2), corrects_id=corrects_id,
        place="Xưởng Tân Cương", actor="Tổ chế biến", description="Sao chè bằng chảo gang",
    )  # fmt: skip


@pytest.fixture
def document():
    batch = FakeBatch(
        gtin="08931000000013",
        lot="25/07-A",
        quantity=500,
        unit="kg",
        expires_on=datetime.date(2026, 7, 1),
    )
    events = [event(i + 1, kind, i + 1) for i, kind in enumerate(KINDS)]
    events.append(event(8, "inspection", 9, corrects_id=5))
    return json.loads(json.dumps(epcis.document(batch, events, "https://ocop.example.vn")))


def test_it_is_an_epcis_2_document_with_the_gs1_context(document):
    assert (
        document["@context"][0] == "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
    )
    assert document["@context"][1] == {"ocop": "https://ocop.example.vn/ns/traceability#"}
    assert document["type"] == "EPCISDocument"
    assert document["schemaVersion"] == "2.0"
    assert datetime.datetime.fromisoformat(document["creationDate"]).tzinfo is not None
    assert len(document["epcisBody"]["eventList"]) == 8


def test_each_step_has_the_event_type_it_needs(document):
    events = {e["ocop:step"]: e for e in document["epcisBody"]["eventList"]}
    assert events["harvest"]["type"] == "ObjectEvent" and events["harvest"]["action"] == "ADD"
    assert events["harvest"]["bizStep"] == "commissioning"
    assert (
        events["shipping"]["type"] == "ObjectEvent" and events["shipping"]["bizStep"] == "shipping"
    )
    assert (
        events["processing"]["type"] == "TransformationEvent"
        and "action" not in events["processing"]
    )
    assert events["packing"]["type"] == "AggregationEvent" and events["packing"]["action"] == "ADD"
    for kind in ("cultivation", "inspection", "storage"):
        assert events[kind]["type"] == "ObjectEvent" and events[kind]["action"] == "OBSERVE"


def test_every_event_has_what_the_epcis_schema_requires(document):
    for data in document["epcisBody"]["eventList"]:
        assert datetime.datetime.fromisoformat(data["eventTime"]).utcoffset() == datetime.timedelta(
            hours=7
        )
        assert data["eventTimeZoneOffset"] == "+07:00"
        assert URI.match(data["eventID"]) and data["eventID"].startswith("urn:uuid:")
        assert data["bizStep"] in BIZ_STEPS and data["disposition"] in DISPOSITIONS
        for key in data:  # anything beyond EPCIS's own names is namespaced
            assert key in EPCIS_KEYS[data["type"]] or key.startswith("ocop:"), key
        if data["type"] == "ObjectEvent":
            assert "epcList" not in data and data["quantityList"]  # a lot, no units
        if data["type"] == "TransformationEvent":
            assert URI.match(data["transformationID"]) and data["outputQuantityList"]
            assert data["inputQuantityList"]
        if data["type"] == "AggregationEvent":
            assert URI.match(data["parentID"]) and data["childQuantityList"]


def test_quantities_name_the_lot_by_its_canonical_digital_link(document):
    harvest = next(e for e in document["epcisBody"]["eventList"] if e["ocop:step"] == "harvest")
    assert harvest["quantityList"] == [
        {
            "epcClass": "https://id.gs1.org/01/08931000000013/10/25%2F07-A",
            "quantity": 500,
            "uom": "KGM",
        }
    ]
    assert harvest["ilmd"] == {
        "cbvmda:lotNumber": "25/07-A",
        "cbvmda:countryOfOrigin": "VN",
        "cbvmda:itemExpirationDate": "2026-07-01",
    }


def test_a_corrected_event_declares_its_error_and_points_at_the_correction(document):
    events = {e["eventID"]: e for e in document["epcisBody"]["eventList"]}
    correction = next(e for e in events.values() if "ocop:corrects" in e)
    corrected = events[correction["ocop:corrects"]]
    assert corrected["ocop:step"] == "inspection"
    assert corrected["errorDeclaration"]["reason"] == "incorrect_data"
    assert corrected["errorDeclaration"]["correctiveEventIDs"] == [correction["eventID"]]
    assert "errorDeclaration" not in correction


def test_event_ids_are_stable_between_requests():
    batch = FakeBatch(gtin="08931000000013", lot="L1", quantity=1, unit="", expires_on=None)
    first = epcis.document(batch, [event(1, "harvest", 1)], "https://a.example")
    second = epcis.document(batch, [event(1, "harvest", 1)], "https://a.example")
    assert (
        first["epcisBody"]["eventList"][0]["eventID"]
        == second["epcisBody"]["eventList"][0]["eventID"]
    )
    assert "uom" not in first["epcisBody"]["eventList"][0]["quantityList"][0]  # a count of items
