"""The location endpoint: one report per unit and address an hour, with the visitor's own token.

A location turns into counterfeit evidence (impossible travel), so it is only taken from the
page view that made the scan (its token names the scan and the visitor's address), once,
and not more than once an hour per unit and address. Refusals are JSON with a message.
"""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import RequestFactory, override_settings

from tests.factories import BatchFactory
from tests.flows import path_of
from traceability import scans
from traceability.models import Scan, Serial

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
HOME, OTHER = "198.51.100.30", "203.0.113.30"
HOUR = 490_000  # a clock hour's number, pinned so a run crossing the hour cannot fail


@pytest.fixture
def serial():
    batch = BatchFactory()
    Serial.issue(batch, 1)
    return batch.serials.get()


def token_of(client, uri: str, address: str = HOME) -> str:
    html = client.get(path_of(uri), HTTP_USER_AGENT=PHONE, REMOTE_ADDR=address).content.decode()
    return re.search(r'data-token="([^"]+)"', html).group(1)


def report(client, token: str, address: str = HOME, lat="21.03", lon="105.85", **headers):
    return client.post(
        "/t/locate/", {"token": token, "lat": lat, "lon": lon}, REMOTE_ADDR=address, **headers
    )


def located(serial) -> int:
    return Scan.objects.filter(serial=serial, latitude__isnull=False).count()


@mock.patch("lib.ratelimit.current_window", return_value=HOUR)
def test_one_report_per_unit_and_address_an_hour(window, client, serial):
    assert report(client, token_of(client, serial.uri)).status_code == 204
    second = report(client, token_of(client, serial.uri), lat="10.78", lon="106.70")
    assert second.status_code == 429
    assert second.json()["error"] == "too_often"
    assert "giờ này" in second.json()["message"]
    assert located(serial) == 1
    # Another visitor, another address: their report counts.
    assert report(client, token_of(client, serial.uri, OTHER), OTHER).status_code == 204
    # The next hour, the first address may report again.
    window.return_value = HOUR + 1
    assert report(client, token_of(client, serial.uri)).status_code == 204
    assert located(serial) == 3


@mock.patch("lib.ratelimit.current_window", return_value=HOUR)
def test_the_limit_is_per_unit(_window, client, serial):
    Serial.issue(serial.batch, 1)
    other = serial.batch.serials.exclude(pk=serial.pk).get()
    assert report(client, token_of(client, serial.uri)).status_code == 204
    assert report(client, token_of(client, other.uri)).status_code == 204
    assert report(client, token_of(client, serial.batch.uri)).status_code == 204  # batch code


def test_a_token_from_another_address_is_refused(client, serial):
    token = token_of(client, serial.uri, HOME)
    response = report(client, token, OTHER)
    assert response.status_code == 403 and response.json()["error"] == "other_address"
    assert located(serial) == 0
    assert report(client, token, HOME).status_code == 204  # its own visitor may still use it


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_token_is_bound_to_the_visitor_not_the_proxy(client, serial):
    html = client.get(
        path_of(serial.uri), HTTP_USER_AGENT=PHONE, HTTP_X_FORWARDED_FOR="10.0.0.1, " + HOME
    ).content.decode()
    token = re.search(r'data-token="([^"]+)"', html).group(1)
    data = {"token": token, "lat": "21.0", "lon": "105.8"}
    forwarded = client.post("/t/locate/", data, HTTP_X_FORWARDED_FOR=OTHER)
    assert forwarded.status_code == 403
    assert client.post("/t/locate/", data, HTTP_X_FORWARDED_FOR=HOME).status_code == 204


def test_a_token_is_used_once(client, serial):
    token = token_of(client, serial.uri)
    assert report(client, token).status_code == 204
    again = report(client, token, lat="10.78", lon="106.70")
    assert again.status_code == 403 and again.json()["error"] == "already_located"
    assert str(Scan.objects.get(serial=serial).latitude) == "21.0"


def _request(address: str = HOME):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_a_forged_token_is_refused(client, serial):
    scan = Scan.objects.create(batch=serial.batch, serial=serial)
    tag = scans._address_tag(_request())
    forged = [
        signing.dumps({"scan": scan.pk, "to": tag}, salt="another.salt"),  # not our signature
        signing.dumps(
            {"scan": scan.pk, "to": tag}, key="not-the-secret", salt=scans.SCAN_TOKEN_SALT
        ),
        signing.dumps(scan.pk, salt=scans.SCAN_TOKEN_SALT),  # the old form, without an address
        signing.dumps({"scan": str(scan.pk), "to": tag}, salt=scans.SCAN_TOKEN_SALT),
        signing.dumps({"scan": 999_999_999, "to": tag}, salt=scans.SCAN_TOKEN_SALT),
    ]
    for token in forged:
        response = report(client, token)
        assert response.status_code == 400, token
        assert response.json()["error"] == "bad_token" and response.json()["message"]
    assert located(serial) == 0


def test_an_expired_token_is_refused(client, serial):
    scan = Scan.objects.create(batch=serial.batch, serial=serial)
    two_hours_ago = time.time() - 2 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=two_hours_ago):
        token = scans.scan_token(scan, _request())
    response = report(client, token)
    assert response.status_code == 400 and response.json()["error"] == "expired"
    assert "tải lại" in response.json()["message"]
    assert located(serial) == 0


def test_refusals_speak_english_to_english_visitors(client, serial):
    response = report(client, token_of(client, serial.uri), OTHER, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"].startswith("This location link belongs to another")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"token": ""},
        {"token": "abc", "lat": "1", "lon": "1"},
        {"token": "a" * 5000, "lat": "1", "lon": "1"},
        {"token": "x:y:z", "lat": "1", "lon": "1"},
        {"token": "\x00\ufffd", "lat": "1", "lon": "1"},
        {"token": "GOOD", "lat": "", "lon": ""},
        {"token": "GOOD", "lat": "1e999", "lon": "1"},
        {"token": "GOOD", "lat": "-91", "lon": "1"},
        {"token": "GOOD", "lat": "1", "lon": "180.1"},
        {"token": "GOOD", "lat": "NaN", "lon": "inf"},
        {"token": "GOOD", "lat": "--1", "lon": "١٢"},
        {"token": "GOOD", "lat": "0x10", "lon": "1_0"},
    ],
)
def test_junk_is_a_clear_error_never_a_500(client, serial, data):
    if data.get("token") == "GOOD":
        data = {**data, "token": token_of(client, serial.uri)}
    response = client.post("/t/locate/", data, REMOTE_ADDR=HOME)
    assert response.status_code in (400, 403, 429)
    assert response["Content-Type"] == "application/json" and response.json()["message"]
    assert located(serial) == 0


@override_settings(TRACE_SCANS_PER_MINUTE=2)
@mock.patch("lib.ratelimit.current_window", return_value=HOUR)
def test_a_flood_of_reports_from_one_address_is_turned_away(_window, client):
    statuses = [client.post("/t/locate/", {"token": "x"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 429, 429]
    assert client.post("/t/locate/", {"token": "x"}).json()["error"] == "flood"


def test_only_posts_are_taken(client):
    assert client.get("/t/locate/").status_code == 405


def test_with_the_cache_down_a_report_is_still_taken(client, serial):
    token = token_of(client, serial.uri)
    with mock.patch("lib.ratelimit.cache.incr", side_effect=ConnectionError("redis down")):
        assert report(client, token).status_code == 204
    assert located(serial) == 1
