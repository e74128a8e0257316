"""Races on a unit code, with real threads: reviewers clearing at once, locations posted at once."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from tests.concurrency import each_at_once
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory, remove_cooperatives
from tests.flows import path_of
from tests.personas import COOPERATIVE_A, STAFF
from traceability.models import Batch, JourneyEvent, Scan, Serial
from traceability.serials import FlagReview, clear_flag

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
THREADS = 6


@pytest.fixture
def unit(committed_db):
    """A flagged unit code, committed so that every thread's connection sees it."""
    partner = CooperativeFactory()
    batch = BatchFactory(product=ProductFactory(partner=partner))
    Serial.issue(batch, 1)
    serial = batch.serials.get()
    serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    yield serial
    Scan.objects.filter(batch=batch).delete()
    Serial.objects.filter(batch=batch).delete()
    JourneyEvent.objects.filter(batch=batch).delete()
    Batch.objects.filter(pk=batch.pk).delete()
    remove_cooperatives(partner)


def test_reviewers_clearing_one_flag_at_once_record_one_clearance(unit):
    """The unit's row is locked (PostgreSQL) or the writers serialised (SQLite): one wins."""
    users = get_user_model().objects
    reviewers = [users.get(email=STAFF["email"]), users.get(email=COOPERATIVE_A["email"])]

    def review(i: int) -> str:
        try:
            clear_flag(Serial.objects.get(pk=unit.pk), reviewers[i % 2], f"lần {i}")
        except ValidationError:
            return "refused"
        return "cleared"

    assert sorted(each_at_once(review, THREADS)) == ["cleared"] + ["refused"] * (THREADS - 1)
    assert unit.reviews.filter(action=FlagReview.Action.CLEARED).count() == 1
    assert Serial.objects.get(pk=unit.pk).flag == ""


@mock.patch("lib.ratelimit.current_window", return_value=490_000)  # one clock hour
def test_locations_posted_at_once_from_one_address_record_one(_hour, unit):
    """Each thread has its own page view (token) of the unit; one address, one report an hour."""
    tokens = []
    for _ in range(THREADS):
        html = Client().get(path_of(unit.uri), HTTP_USER_AGENT=PHONE).content.decode()
        tokens.append(re.search(r'data-token="([^"]+)"', html).group(1))

    def report(i: int) -> int:
        data = {"token": tokens[i], "lat": "21.0", "lon": "105.8"}
        return Client().post("/t/locate/", data).status_code

    statuses = each_at_once(report, THREADS)
    assert sorted(statuses) == [204] + [429] * (THREADS - 1)
    assert Scan.objects.filter(serial=unit, latitude__isnull=False).count() == 1


def test_one_token_posted_at_once_is_recorded_once(unit):
    html = Client().get(path_of(unit.uri), HTTP_USER_AGENT=PHONE).content.decode()
    token = re.search(r'data-token="([^"]+)"', html).group(1)

    def report(i: int) -> int:
        data = {"token": token, "lat": f"{10 + i}.0", "lon": "105.8"}
        return Client().post("/t/locate/", data).status_code

    statuses = each_at_once(report, THREADS)
    assert statuses.count(204) == 1 and set(statuses) <= {204, 403, 429}
    assert Scan.objects.filter(serial=unit, latitude__isnull=False).count() == 1
