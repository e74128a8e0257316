"""The open API's public endpoints: products, categories, producers, certificates, batches."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from producers.models import Producer
from tests.factories import BatchFactory, ProductFactory, bulk_products, first_leaf_category
from traceability.models import LabelRun, Serial

pytestmark = pytest.mark.django_db


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_it_lists_a_public_product_with_price_in_whole_dong_stock_and_rating(anonymous_client):
    product = ProductFactory(price=125000, stock=3, rated=True)
    data = results(anonymous_client, "/api/v1/products/", producer=product.producer_id)
    (item,) = [p for p in data["results"] if p["id"] == product.pk]
    assert item["price"] == 125000 and isinstance(item["price"], int)
    assert item["currency"] == "VND"
    assert item["stock_status"] == "in_stock"
    assert item["ocop_rating"]["certified"] is True
    assert item["ocop_rating"]["stars"] == product.ocop_rating.stars
    assert item["producer"]["id"] == product.producer_id
    assert item["province_code"] == "01"
    assert item["commune_code"] == product.producer.commune_code
    assert item["categories"] == [first_leaf_category().code]


def test_out_of_stock_and_hidden_products(anonymous_client):
    empty = ProductFactory(stock=0)
    hidden = ProductFactory(is_public=False, partner=empty.producer.partner)
    data = results(anonymous_client, "/api/v1/products/", producer=empty.producer_id)
    ids = {p["id"]: p for p in data["results"]}
    assert ids[empty.pk]["stock_status"] == "out_of_stock"
    assert hidden.pk not in ids
    assert anonymous_client.get(f"/api/v1/products/{hidden.pk}/").status_code == 404


def test_filters_by_province_stars_certified_sector_and_updated_since(anonymous_client):
    rated = ProductFactory(rated=True)
    plain = ProductFactory(partner=rated.producer.partner)
    producer = rated.producer_id

    def ids(**params):
        return {
            p["id"]
            for p in results(anonymous_client, "/api/v1/products/", producer=producer, **params)[
                "results"
            ]
        }

    assert ids(certified="true") == {rated.pk}
    assert ids(certified="false") == {plain.pk}
    assert ids(stars=rated.ocop_rating.stars) == {rated.pk}
    assert ids(province="01") == {rated.pk, plain.pk}
    assert ids(province="79") == set()
    sector = first_leaf_category().get_ancestors_and_self()[0]
    assert ids(sector=sector.code) == {rated.pk, plain.pk}
    later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
    assert ids(updated_since=later) == set()


def test_bad_filters_are_a_problem_naming_the_parameter(anonymous_client):
    response = anonymous_client.get("/api/v1/products/", {"province": "99", "stars": "nine"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert {e["parameter"] for e in problem["errors"]} == {"province", "stars"}


def test_the_product_list_pages_with_a_cursor(anonymous_client):
    first = ProductFactory()
    for _ in range(2):
        ProductFactory(partner=first.producer.partner)
    page = results(anonymous_client, "/api/v1/products/", producer=first.producer_id, page_size=2)
    assert len(page["results"]) == 2 and page["next"]
    rest = anonymous_client.get(page["next"]).json()
    assert len(rest["results"]) == 1
    seen = {p["id"] for p in page["results"] + rest["results"]}
    assert len(seen) == 3


def test_the_product_list_costs_the_same_queries_for_5_or_60_products(anonymous_client):
    category = first_leaf_category()
    bulk_products(5, category, word="apifew")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert anonymous_client.get("/api/v1/products/", {"page_size": 200}).status_code == 200
        return len(queries)

    few = count()
    bulk_products(60, category, word="apimany", start=100)
    assert count() == few
    assert few <= 8


def test_an_unchanged_product_list_is_304_with_its_etag_and_no_query(anonymous_client):
    ProductFactory()
    response = anonymous_client.get("/api/v1/products/")
    etag = response["ETag"]
    assert response["Last-Modified"]
    with CaptureQueriesContext(connection) as queries:
        again = anonymous_client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    # No SELECT: only the request's savepoint (ATOMIC_REQUESTS inside the test's transaction).
    assert [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]] == []
    ProductFactory()  # the catalogue changed
    assert anonymous_client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_producer_etag_and_last_modified(anonymous_client):
    producer = Producer.objects.approved().first()
    response = anonymous_client.get(f"/api/v1/producers/{producer.pk}/")
    assert response.status_code == 200 and response["Last-Modified"]
    again = anonymous_client.get(
        f"/api/v1/producers/{producer.pk}/", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_categories_carry_their_sector(anonymous_client):
    data = results(anonymous_client, "/api/v1/categories/")
    leaf = first_leaf_category()
    (item,) = [c for c in data if c["id"] == leaf.pk]
    assert item["sector"] == leaf.get_ancestors_and_self()[0].code


def test_only_approved_producers_and_no_private_contact(anonymous_client):
    applied = Producer.objects.create(
        name="HTX Chờ duyệt",
        short_name="Chờ duyệt",
        registration_number="API-1",
        representative="A",
        phone="+84912345678",
        email="cho@example.vn",
        province_code="01",
        commune_code="00070",
    )
    data = results(anonymous_client, "/api/v1/producers/", page_size=200)
    ids = {p["id"] for p in data["results"]}
    assert applied.pk not in ids
    assert set(ids) <= set(Producer.objects.approved().values_list("pk", flat=True))
    assert "phone" not in data["results"][0] and "email" not in data["results"][0]
    assert anonymous_client.get(f"/api/v1/producers/{applied.pk}/").status_code == 404


def test_a_published_batch_shows_its_journey_and_a_draft_is_404(anonymous_client):
    batch = BatchFactory(events=2)
    draft = BatchFactory(events=1, publish=False)
    data = results(anonymous_client, f"/api/v1/batches/{batch.pk}/")
    assert data["lot"] == batch.lot and data["code_uri"] == batch.code_uri()
    assert [e["place"] for e in data["journey"]] == [
        e.place for e in batch.events.order_by("occurred_at", "pk")
    ]
    assert anonymous_client.get(f"/api/v1/batches/{draft.pk}/").status_code == 404
    listed = {
        b["id"]
        for b in results(anonymous_client, "/api/v1/batches/", product=draft.product_id)["results"]
    }
    assert draft.pk not in listed
    # A serialised run: its units' commissioning is in the batch's document.
    run = LabelRun.objects.create(
        batch=batch, serialised=True, quantity=2, status=LabelRun.Status.DONE,
        finished_at=timezone.now(),
    )  # fmt: skip
    Serial.issue(batch, 2, run=run)
    epcis = anonymous_client.get(f"/api/v1/batches/{batch.pk}/epcis/")
    assert epcis.status_code == 200 and epcis.json()["type"] == "EPCISDocument"
    # The same events as the batch's own code answers with (its origin URI, as JSON-LD).
    origin = anonymous_client.get(
        urlsplit(batch.code_uri()).path, HTTP_ACCEPT="application/ld+json"
    ).json()
    assert epcis.json()["epcisBody"] == origin["epcisBody"]
    assert any(e.get("bizStep") == "commissioning" for e in origin["epcisBody"]["eventList"])


def test_unknown_and_impossible_ids_are_problem_404s(anonymous_client):
    for url in (
        "/api/v1/products/99999999999999999999999/",
        "/api/v1/batches/-1/",
        "/api/v1/nothing/",
    ):
        response = anonymous_client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"


def test_fairs_and_training_sessions_answer(anonymous_client):
    assert "results" in results(anonymous_client, "/api/v1/fairs/")
    assert "results" in results(anonymous_client, "/api/v1/training-sessions/")


def test_anonymous_callers_are_throttled(anonymous_client, settings):
    settings.API_ANON_PER_MINUTE = 2
    codes = [anonymous_client.get("/api/v1/categories/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = anonymous_client.get("/api/v1/categories/")
    assert response["Content-Type"] == "application/problem+json" and response["Retry-After"]


def test_producer_batch_and_certificate_lists_cost_the_same_queries_for_more_rows(anonymous_client):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert anonymous_client.get(url, {"page_size": 200}).status_code == 200
        return len(queries)

    urls = ("/api/v1/producers/", "/api/v1/batches/", "/api/v1/certificates/")
    before = {url: count(url) for url in urls}
    for _ in range(3):
        BatchFactory(events=1)  # each with a new approved cooperative
    assert {url: count(url) for url in urls} == before


def test_if_modified_since_answers_304_when_nothing_is_newer(anonymous_client):
    batch = BatchFactory(events=1)
    response = anonymous_client.get(f"/api/v1/batches/{batch.pk}/")
    since = response["Last-Modified"]
    again = anonymous_client.get(f"/api/v1/batches/{batch.pk}/", HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 304
    older = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert (
        anonymous_client.get(
            f"/api/v1/batches/{batch.pk}/", HTTP_IF_MODIFIED_SINCE=older
        ).status_code
        == 200
    )
