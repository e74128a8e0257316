"""Consent per purpose: unticked by default, recorded with its text version, and withdrawal
stops the matching processing at once (PDP Law 91/2025/QH15, Art. 9 and 12)."""

from __future__ import annotations

import re
from unittest import mock

import pytest

from compliance import consent
from compliance.models import ConsentRecord
from tests.factories import BatchFactory
from tests.flows import path_of
from traceability.models import Scan

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
HOUR = 490_000


def test_every_box_is_unticked_until_the_user_ticks_it(buyer_client):
    html = buyer_client.get("/account/consents/").content.decode()
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert len(boxes) == len(consent.purposes())
    assert not any("checked" in box for box in boxes)


def test_giving_and_withdrawing_is_recorded_with_the_text_version(buyer_client, buyer):
    buyer_client.post("/account/consents/", {"marketing_email": "on"})
    record = ConsentRecord.objects.get(user=buyer)
    assert (record.purpose, record.granted, record.method) == ("marketing_email", True, "form")
    assert record.text_version == consent.purposes()["marketing_email"].version
    assert buyer in consent.consenting_users("marketing_email")

    buyer_client.post("/account/consents/", {})
    latest = ConsentRecord.objects.filter(user=buyer).first()
    assert (latest.granted, latest.method) == (False, "withdrawal")
    assert buyer not in consent.consenting_users("marketing_email")
    html = buyer_client.get("/account/consents/").content.decode()
    assert 'name="marketing_email" checked' not in html


def located(batch) -> int:
    return Scan.objects.filter(batch=batch, latitude__isnull=False).count()


@mock.patch("lib.ratelimit.current_window", return_value=HOUR)
def test_withdrawing_location_consent_stops_recording_locations(window, buyer_client, buyer):
    batch = BatchFactory()

    def scan_and_report():
        html = buyer_client.get(path_of(batch.uri), HTTP_USER_AGENT=PHONE).content.decode()
        token = re.search(r'data-token="([^"]+)"', html).group(1)
        return buyer_client.post("/t/locate/", {"token": token, "lat": "21.03", "lon": "105.85"})

    # The browser asked and the user agreed: recorded, and the consent with it.
    assert scan_and_report().status_code == 204
    assert located(batch) == 1
    record = ConsentRecord.objects.get(user=buyer, purpose="scan_location")
    assert (record.granted, record.method) == (True, "prompt")

    buyer_client.post("/account/consents/", {})  # withdraw everything
    refused = scan_and_report()
    assert refused.status_code == 403
    assert refused.json()["error"] == "consent_withdrawn"
    assert located(batch) == 1


def test_anonymous_visitors_are_asked_by_their_browser():
    from django.contrib.auth.models import AnonymousUser

    assert consent.allows(AnonymousUser(), "scan_location")
    assert not consent.allows(AnonymousUser(), "marketing_email")


def test_the_consents_page_needs_a_sign_in(anonymous_client):
    assert anonymous_client.get("/account/consents/").status_code == 302
