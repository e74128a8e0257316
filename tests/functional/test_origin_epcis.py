"""The same URI answers a traceability portal with EPCIS 2.0 JSON-LD instead of the page."""

from __future__ import annotations

import json

import pytest

from tests.factories import BatchFactory
from tests.flows import path_of
from traceability.models import JourneyEvent, Serial

pytestmark = pytest.mark.django_db

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


@pytest.fixture
def batch():
    return BatchFactory(lot="EPC/1", events=7)


def test_asking_for_json_ld_gets_the_batchs_epcis_document(client, batch):
    response = client.get(path_of(batch.uri), HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert "Accept" in response["Vary"]
    document = json.loads(response.content)
    assert CONTEXT in document["@context"]
    assert document["type"] == "EPCISDocument" and document["schemaVersion"] == "2.0"
    types = {e["type"] for e in document["epcisBody"]["eventList"]}
    assert types == {"ObjectEvent", "TransformationEvent", "AggregationEvent"}
    assert len(document["epcisBody"]["eventList"]) == 7
    assert batch.scans.count() == 0  # a machine reading the journey is no shopper's scan
    assert response["GS1-EPCIS-Version"] == "2.0.0" and response["GS1-CBV-Version"] == "2.0.0"


def test_format_epcis_works_from_a_browser_too(client, batch):
    response = client.get(path_of(batch.uri) + "?format=epcis")
    assert response["Content-Type"].startswith("application/ld+json")
    assert (
        json.loads(response.content)["epcisBody"]["eventList"][0]["eventTimeZoneOffset"] == "+07:00"
    )


def test_a_serial_uri_gives_its_batchs_events(client, batch):
    Serial.issue(batch, 1)
    response = client.get(path_of(batch.serials.get().uri), HTTP_ACCEPT="application/ld+json")
    assert len(json.loads(response.content)["epcisBody"]["eventList"]) == 7


def test_a_correction_is_declared_in_the_document(client, batch):
    wrong = batch.events.get(kind="inspection")
    JourneyEvent.objects.create(
        batch=batch,
        kind="inspection",
        occurred_at=wrong.occurred_at,
        place="Phòng kiểm nghiệm",
        actor="QA",
        corrects=wrong,
    )
    events = json.loads(client.get(path_of(batch.uri) + "?format=epcis").content)["epcisBody"][
        "eventList"
    ]
    declared = [e for e in events if "errorDeclaration" in e]
    assert len(declared) == 1 and declared[0]["ocop:place"] == wrong.place


def test_an_unknown_code_is_a_json_404(client):
    response = client.get("/01/08931000000099/10/NOPE", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 404
    assert json.loads(response.content)["type"] == "NotFound"
