"""Scans are logged cheaply, rate-limited per address, and copied serials are flagged."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import override_settings

from tests.factories import BatchFactory
from tests.flows import path_of
from traceability import scans
from traceability.models import CounterfeitReport, Serial

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"


@pytest.fixture
def batch():
    return BatchFactory(lot="SCAN-1")


@pytest.fixture
def serial(batch):
    Serial.issue(batch, 1)
    return batch.serials.get()


def test_each_view_is_one_scan_with_its_device_class(client, batch):
    client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE)
    client.get(path_of(batch.uri), HTTP_USER_AGENT="Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)")
    client.get(
        path_of(batch.uri), HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120"
    )
    assert sorted(batch.scans.values_list("device", flat=True)) == ["desktop", "phone", "tablet"]
    assert batch.scans.filter(latitude__isnull=False).count() == 0  # no location without consent


def test_robots_and_link_previews_are_not_counted(client, batch):
    for agent in ["Googlebot/2.1", "facebookexternalhit/1.1", "Zalo-LinkPreview/1.0", "curl/8.0"]:
        assert client.get(path_of(batch.uri), HTTP_USER_AGENT=agent).status_code == 200
    assert batch.scans.count() == 0


@override_settings(TRACE_SCANS_PER_MINUTE=30)
@mock.patch("lib.ratelimit.current_window", return_value=29_000_000)  # all within one minute
def test_a_thousand_scans_a_minute_from_one_address_are_rate_limited_but_answered(
    _minute, client, batch
):
    statuses = {
        client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).status_code for _ in range(1000)
    }
    assert statuses == {200}
    assert batch.scans.count() == 30
    # Another address is not held back by the first one's flood.
    client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.9")
    assert batch.scans.count() == 31


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", TRACE_SCANS_PER_MINUTE=2)
@mock.patch("lib.ratelimit.current_window", return_value=29_000_000)
def test_behind_a_proxy_the_visitors_address_is_limited_not_the_proxys(_minute, client, batch):
    for visitor in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]:
        for _ in range(3):
            client.get(
                path_of(batch.uri),
                HTTP_USER_AGENT=PHONE,
                HTTP_X_FORWARDED_FOR=f"10.0.0.1, {visitor}",
            )
    assert batch.scans.count() == 6


def test_a_failing_scan_log_never_breaks_the_page(client, batch):
    with mock.patch("traceability.scans.insert_scan", side_effect=DatabaseError("disk full")):
        response = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE)
    assert response.status_code == 200
    assert batch.product.title in response.content.decode()


def test_a_broken_cache_never_breaks_the_page(client, batch):
    with mock.patch("lib.ratelimit.cache.incr", side_effect=ConnectionError("redis down")):
        response = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE)
    assert response.status_code == 200
    assert batch.scans.count() == 1


@override_settings(TRACE_SERIAL_SCAN_LIMIT=3)
def test_a_serial_scanned_too_often_is_flagged_and_the_shopper_warned(client, serial):
    for _ in range(3):
        html = client.get(path_of(serial.uri), HTTP_USER_AGENT=PHONE).content.decode()
        assert "scanned suspiciously" not in html and "quét bất thường" not in html
    html = client.get(path_of(serial.uri), HTTP_USER_AGENT=PHONE).content.decode()
    assert "Mã đơn vị đã đăng ký nhưng được quét bất thường" in html
    assert "Đã được quét 4 lần" in html
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS and serial.flagged_at


def test_an_unflagged_serial_reads_as_a_genuine_unit(client, serial):
    html = client.get(path_of(serial.uri), HTTP_USER_AGENT=PHONE).content.decode()
    assert "Mã đơn vị chính hãng" in html
    assert serial.code in html


def _token(html: str) -> str:
    return re.search(r'data-token="([^"]+)"', html).group(1)


def test_a_shared_location_is_stored_coarsely_with_the_scan(client, batch):
    html = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).content.decode()
    response = client.post(
        "/t/locate/", {"token": _token(html), "lat": "21.02851", "lon": "105.80482"}
    )
    assert response.status_code == 204
    scan = batch.scans.get()
    assert (str(scan.latitude), str(scan.longitude)) == ("21.0", "105.8")


def test_a_location_cannot_be_forged_or_changed(client, batch):
    html = client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).content.decode()
    token = _token(html)
    assert (
        client.post("/t/locate/", {"token": token + "x", "lat": "1", "lon": "1"}).status_code == 400
    )
    assert client.post("/t/locate/", {"token": token, "lat": "91", "lon": "1"}).status_code == 400
    assert client.post("/t/locate/", {"token": token, "lat": "NaN", "lon": "1"}).status_code == 400
    assert (
        client.post("/t/locate/", {"token": token, "lat": "10.8", "lon": "106.7"}).status_code
        == 204
    )
    assert (
        client.post("/t/locate/", {"token": token, "lat": "21.0", "lon": "105.8"}).status_code
        == 403
    )
    assert str(batch.scans.get().latitude) == "10.8"


def _locate(client, serial, lat: str, lon: str, address: str) -> int:
    """A visitor at ``address`` scans the unit and shares where; one address, once an hour."""
    html = client.get(path_of(serial.uri), HTTP_USER_AGENT=PHONE, REMOTE_ADDR=address)
    data = {"token": _token(html.content.decode()), "lat": lat, "lon": lon}
    return client.post("/t/locate/", data, REMOTE_ADDR=address).status_code


def test_one_serial_scanned_in_hanoi_and_saigon_within_the_hour_is_flagged(client, serial):
    assert _locate(client, serial, "21.03", "105.85", "198.51.100.7") == 204
    assert _locate(client, serial, "10.78", "106.70", "203.0.113.7") == 204
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.IMPOSSIBLE_TRAVEL
    html = client.get(path_of(serial.uri), HTTP_USER_AGENT=PHONE).content.decode()
    assert "Được quét ở những nơi quá xa nhau trong thời gian ngắn" in html


def test_two_scans_in_the_same_city_are_not_suspicious(client, serial):
    assert _locate(client, serial, "21.03", "105.85", "198.51.100.7") == 204
    assert _locate(client, serial, "21.0", "105.8", "203.0.113.7") == 204
    serial.refresh_from_db()
    assert serial.flag == ""


def test_distance_between_hanoi_and_saigon():
    assert 1100 < scans.distance_km(21.03, 105.85, 10.78, 106.70) < 1200


def test_a_shopper_reports_an_unknown_code(client):
    response = client.get("/01/08931000000099/10/FAKE-1")
    assert response.status_code == 404
    form = {
        "code": "https://ocop.example.vn/01/08931000000099/10/FAKE-1",
        "place": "Chợ Đồng Xuân",
        "message": "Tem in mờ",
    }
    response = client.post("/t/report/", form)
    assert response.status_code == 200 and "Cảm ơn bạn đã phản ánh" in response.content.decode()
    report = CounterfeitReport.objects.get(place="Chợ Đồng Xuân")
    assert report.code.endswith("FAKE-1") and report.message == "Tem in mờ"


def test_robots_filling_the_hidden_field_are_thanked_and_ignored(client):
    response = client.post(
        "/t/report/", {"code": "x", "message": "spam-7f3a", "website": "http://spam.example"}
    )
    assert response.status_code == 200
    assert not CounterfeitReport.objects.filter(message="spam-7f3a").exists()


@override_settings(TRACE_SCANS_PER_MINUTE=3)
@mock.patch("lib.ratelimit.current_window", return_value=29_000_000)
def test_reports_are_rate_limited(_minute, client):
    before = CounterfeitReport.objects.count()
    statuses = [
        client.post("/t/report/", {"code": "x", "message": str(i)}).status_code for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert CounterfeitReport.objects.count() == before + 3


def test_the_origin_page_links_to_a_report_form_that_knows_the_code(client, serial):
    html = client.get(path_of(serial.uri), HTTP_USER_AGENT=PHONE).content.decode()
    link = re.search(r'href="(/t/report/\?code=[^"]+)"', html).group(1)
    form = client.get(link.replace("&amp;", "&"))
    assert form.status_code == 200
    assert form.context["form"].initial["code"] == serial.uri
    english = client.get(link.replace("&amp;", "&") + "&lang=en")
    assert (
        english.status_code == 302
        and "lang" not in english["Location"]
        and "code=" in english["Location"]
    )
