"""The ``ocop:`` namespace of the EPCIS documents resolves to a JSON-LD context of its terms."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.flows import path_of
from traceability.models import Batch

pytestmark = pytest.mark.django_db


def test_the_namespace_iri_describes_every_extension_term_the_documents_use(client):
    used: set[str] = set()
    namespace = ""
    for batch in Batch.objects.published().order_by("pk")[:40]:
        document = json.loads(client.get(path_of(batch.uri) + "?format=epcis").content)
        namespace = document["@context"][1]["ocop"]
        for event in document["epcisBody"]["eventList"]:
            used |= {key.split(":", 1)[1] for key in event if key.startswith("ocop:")}
    assert {"step", "place", "actor", "party"} <= used

    url = urlsplit(namespace)
    assert url.fragment == ""  # the IRI ends with '#', the fragment is empty
    response = client.get(url.path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    vocabulary = json.loads(response.content)
    context = vocabulary["@context"]
    assert context["ocop"] == namespace
    described = {node["@id"]: node for node in vocabulary["@graph"]}
    for term in used:
        assert context[term]["@id"] == f"ocop:{term}"
        comments = {c["@language"]: c["@value"] for c in described[f"ocop:{term}"]["rdfs:comment"]}
        assert comments["en"] and comments["vi"]


def test_the_namespace_answers_no_other_method(client):
    assert client.post("/ns/traceability").status_code == 405
