"""``GET /epcis/events``: a retailer's EPCIS client pulls published events, filtered and paged."""

from __future__ import annotations

import datetime
import json
from unittest import mock
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.factories import BatchFactory, JourneyEventFactory, ProductFactory, place_for
from traceability import epcis, gs1
from traceability.models import LabelRun, Party, Serial

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = {"GE_eventTime": "2020-01-01T00:00:00+07:00", "LT_eventTime": "2020-02-01T00:00:00+07:00"}


def at(day: int, hour: int = 8) -> datetime.datetime:
    return datetime.datetime(2020, 1, day, hour, tzinfo=HCM)


@pytest.fixture
def world(coop_a_user):
    """Two lots in January 2020 (nothing else is that old): tea made into a blend."""
    from oscar.core.loading import get_model

    partner = get_model("partner", "Partner").objects.get(users=coop_a_user)
    tea = BatchFactory(
        product=ProductFactory(partner=partner), lot="Q-TEA", events=0, publish=False
    )
    blend = BatchFactory(
        product=ProductFactory(partner=partner), lot="Q-BLEND", events=0, publish=False
    )
    field, shop = place_for(partner, "field"), place_for(partner, "shop")
    steps = {
        "harvest": JourneyEventFactory(batch=tea, kind="harvest", occurred_at=at(2), location=field),
        "shipping": JourneyEventFactory(batch=tea, kind="shipping", occurred_at=at(5), location=shop),
        "processing": JourneyEventFactory(batch=blend, kind="processing", occurred_at=at(9)),
        "packing": JourneyEventFactory(batch=blend, kind="packing", occurred_at=at(10)),
    }  # fmt: skip
    tea.publish()
    steps["processing"].input_batches.add(tea)
    blend.publish()
    draft = BatchFactory(product=ProductFactory(partner=partner), lot="Q-DRAFT", events=0, publish=False)  # fmt: skip
    JourneyEventFactory(batch=draft, kind="harvest", occurred_at=at(3))
    run = LabelRun.objects.create(batch=blend, serialised=True, quantity=2, status=LabelRun.Status.DONE, finished_at=at(11))  # fmt: skip
    Serial.issue(blend, 2, run=run)
    tea.refresh_from_db()
    blend.refresh_from_db()
    return {"tea": tea, "blend": blend, "steps": steps, "run": run, "field": field}


def query(client, **params):
    response = client.get("/epcis/events", {**WINDOW, **params})
    assert response.status_code == 200, response.content
    assert response["GS1-EPCIS-Version"] == "2.0.0" and response["GS1-CBV-Version"] == "2.0.0"
    body = json.loads(response.content)
    assert body["type"] == "EPCISQueryDocument"
    return response, body["epcisBody"]["queryResults"]["resultsBody"]["eventList"]


def ids(events) -> list[str]:
    return [e["eventID"] for e in events]


def step_id(world, name: str) -> str:
    event = world["steps"][name]
    return epcis.event_id(event.batch, event.pk)


def run_id(world) -> str:
    return epcis.run_event_id(world["blend"], world["run"].pk)


def test_the_window_gives_every_published_event_in_time_order_and_no_draft(client, world):
    _response, events = query(client)
    expected = [step_id(world, n) for n in ("harvest", "shipping", "processing", "packing")]
    assert ids(events) == [*expected, run_id(world)]


def test_each_filter_returns_the_right_events(client, world):
    tea_class = gs1.DigitalLink(world["tea"].gtin, "Q-TEA").uri(gs1.CANONICAL_DL)
    unit = world["blend"].serials.first()
    sgtin = gs1.DigitalLink(world["blend"].gtin, None, unit.code).uri(gs1.CANONICAL_DL)
    gtin, serial = world["blend"].gtin, unit.code
    urn = f"urn:epc:id:sgtin:{gtin[1:8]}.{gtin[0]}{gtin[8:13]}.{serial}"
    cases = {
        "EQ_bizStep=shipping": ({"EQ_bizStep": "shipping"}, ["shipping"]),
        "EQ_bizStep=a|b": ({"EQ_bizStep": "packing|creating_class_instance"}, ["processing", "packing"]),
        "commissioning": ({"EQ_bizStep": "commissioning"}, ["harvest", "run"]),
        "MATCH_epc (Digital Link)": ({"MATCH_epc": sgtin}, ["run"]),
        "MATCH_epc (EPC URN)": ({"MATCH_epc": urn}, ["run"]),
        "MATCH_anyEPCClass (input too)": ({"MATCH_anyEPCClass": tea_class}, ["harvest", "shipping", "processing"]),
        "GE/LT": ({"GE_eventTime": "2020-01-05T08:00:00+07:00", "LT_eventTime": "2020-01-10T08:00:00+07:00"}, ["shipping", "processing"]),
        "EQ_bizLocation": ({"EQ_bizLocation": world["field"].uri()}, ["harvest"]),
        "nothing": ({"EQ_bizStep": "retail_selling"}, []),
    }  # fmt: skip
    for label, (params, names) in cases.items():
        _response, events = query(client, **params)
        expected = [run_id(world) if n == "run" else step_id(world, n) for n in names]
        assert ids(events) == expected, label


def test_the_place_filter_reads_an_sgln_urn_too(client, world):
    field = world["field"]
    prefix = Party.objects.get(pk=field.party_id).company_prefix
    reference = field.gln[len(prefix) : -1]
    _response, events = query(client, EQ_bizLocation=f"urn:epc:id:sgln:{prefix}.{reference}.0")
    assert ids(events) == [step_id(world, "harvest")]


def test_pages_follow_the_link_header_until_the_last(client, world):
    seen, params, pages = [], {"perPage": "2"}, 0
    while True:
        response, events = query(client, **params)
        pages += 1
        seen += ids(events)
        link = response.get("Link")
        if not link:
            break
        assert link.endswith('>; rel="next"')
        url = urlsplit(link[1 : link.index(">")])
        assert url.path == "/epcis/events"
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert params["perPage"] == "2" and params["nextPageToken"]
    assert pages == 3
    assert seen == [
        *(step_id(world, n) for n in ("harvest", "shipping", "processing", "packing")),
        run_id(world),
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"EQ_bizStep": "not a step"},
        {"EQ_bizStep": ""},
        {"MATCH_epc": "no uri"},
        {"GE_eventTime": "2020-01-01"},
        {"GE_eventTime": "2020-01-01T08:00:00"},  # no zone
        {"LT_eventTime": "yesterday"},
        {"perPage": "0"},
        {"perPage": "1000"},
        {"perPage": "two"},
        {"nextPageToken": "forged"},
        {"EQ_action": "ADD"},  # a filter this server does not apply
    ],
)
def test_bad_filters_get_a_400_problem_in_the_visitors_language(client, params):
    response = client.get("/epcis/events", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["type"] == "epcisException:QueryParameterException" and problem["status"] == 400
    assert problem["title"] == "Truy vấn có tham số không dùng được."
    english = json.loads(client.get("/epcis/events", params, HTTP_ACCEPT_LANGUAGE="en").content)
    assert english["title"] == "The query has a parameter that cannot be used."
    assert english["detail"] != problem["detail"]  # the reason, translated too


def test_a_page_token_is_bound_to_its_query(client, world):
    response, _events = query(client, perPage="1")
    token = parse_qs(urlsplit(response["Link"][1:-13]).query)["nextPageToken"][0]
    changed = client.get("/epcis/events", {**WINDOW, "perPage": "1", "EQ_bizStep": "shipping", "nextPageToken": token})  # fmt: skip
    assert changed.status_code == 400


def test_the_query_reads_a_fixed_number_of_rows(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        query(client, perPage="30")


def test_options_tells_the_versions_and_extensions(client):
    response = client.options("/epcis/events")
    assert response.status_code == 204
    assert response["GS1-EPCIS-Version"] == "2.0.0" and response["GS1-CBV-Version"] == "2.0.0"
    assert response["GS1-Extensions"].startswith("ocop=") and "GET" in response["Allow"]
    assert client.post("/epcis/events", {}).status_code == 405  # read-only


@mock.patch("lib.ratelimit.current_window", return_value=29_000_000)  # one clock minute
def test_one_address_asking_too_often_is_told_to_wait(_minute, client, settings):
    settings.TRACE_SCANS_PER_MINUTE = 3
    assert [client.get("/epcis/events", WINDOW).status_code for _ in range(3)] == [200] * 3
    refused = client.get("/epcis/events", WINDOW)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused["Content-Type"] == "application/problem+json"
    assert (
        json.loads(refused.content)["title"]
        == "Địa chỉ này truy vấn quá nhiều: vui lòng chờ một phút."
    )
