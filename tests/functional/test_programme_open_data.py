"""The open-data feed: valid against its published schema, paged without gaps, cacheable."""

from __future__ import annotations

import csv
import io

import jsonschema
import pytest
from django.utils import timezone

from catalogue.models import OcopRating
from programme import open_data
from tests import factories

pytestmark = pytest.mark.django_db

FEED = "/open-data/products.json"


def all_pages(client, first: str) -> list[dict]:
    schema = client.get("/open-data/schema.json").json()
    pages, url = [], first
    while url:
        response = client.get(url)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
        body = response.json()
        jsonschema.Draft202012Validator(schema).validate(body)
        pages.append(body)
        url = body["next"]
    return pages


def test_every_page_validates_and_the_pages_hold_every_record_once(anonymous_client):
    pages = all_pages(anonymous_client, FEED + "?page_size=7")
    ids = [record["id"] for page in pages for record in page["results"]]
    assert len(ids) == len(set(ids)) == pages[0]["count"]
    assert ids == sorted(ids)
    assert [page["page"] for page in pages] == list(range(1, pages[0]["pages"] + 1))
    assert pages[0]["previous"] is None and pages[-1]["next"] is None
    assert "CC BY 4.0" in pages[0]["licence"]
    in_force = OcopRating.objects.filter(
        stars__gte=3,
        revoked=False,
        issued_on__lte=timezone.localdate(),
        expires_on__gte=timezone.localdate(),
        product__is_public=True,
    ).count()
    assert pages[0]["count"] == in_force


def test_expired_and_revoked_certificates_are_left_out(anonymous_client):
    today = timezone.localdate()
    kept = factories.OcopRatingFactory(score=75, certificate_number="OD-KEPT")
    expired = factories.OcopRatingFactory(
        score=75, issued_on=today.replace(year=today.year - 4), certificate_number="OD-OLD"
    )
    revoked = factories.OcopRatingFactory(score=75, revoked=True, certificate_number="OD-REV")
    numbers = {
        r["certificate_number"]
        for p in all_pages(anonymous_client, FEED + "?page_size=500")
        for r in p["results"]
    }
    assert kept.certificate_number in numbers
    assert expired.certificate_number not in numbers and revoked.certificate_number not in numbers
    record = next(
        r
        for p in all_pages(anonymous_client, FEED + "?page_size=500")
        for r in p["results"]
        if r["certificate_number"] == "OD-KEPT"
    )
    producer = kept.product.producer
    assert record["province_code"] == producer.province_code
    assert record["commune_code"] == producer.commune_code
    assert record["stars"] == 4 and record["issued_on"] == kept.issued_on.isoformat()


def test_the_csv_holds_the_same_records_as_the_json(anonymous_client):
    response = anonymous_client.get("/open-data/products.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0].keys()) == open_data.COLUMNS
    pages = all_pages(anonymous_client, FEED + "?page_size=500")
    assert [int(row["id"]) for row in rows] == [r["id"] for p in pages for r in p["results"]]


def test_a_page_past_the_end_is_a_404_and_sizes_are_bounded(anonymous_client):
    assert anonymous_client.get(FEED + "?page=9999").status_code == 404
    assert anonymous_client.get(FEED + "?page=abc").status_code == 404
    body = anonymous_client.get(FEED + "?page_size=100000").json()
    assert len(body["results"]) <= 500


def test_the_page_documents_every_field_and_the_licence(anonymous_client):
    html = anonymous_client.get("/open-data/").content.decode()
    for name in open_data.COLUMNS:
        assert f"<code>{name}</code>" in html
    assert "creativecommons.org/licenses/by/4.0" in html
