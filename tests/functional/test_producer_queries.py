"""The producer list and profile pages run a constant number of queries for 10 or 200 producers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from producers.models import Producer
from tests.factories import CertificationFactory, CooperativeFactory

pytestmark = pytest.mark.django_db

MAX_LIST_QUERIES = 12
MAX_PROFILE_QUERIES = (
    20  # product cards included: their rating, producer, price and image are fetched once
)


def make_producers(count: int) -> None:
    """Keep `count` approved producers, adding bare cooperatives certified VietGAP as needed."""
    existing = Producer.objects.approved().count()
    if existing > count:
        Producer.objects.filter(
            pk__in=Producer.objects.approved().order_by("pk").values_list("pk", flat=True)[count:]
        ).update(status=Producer.Status.SUSPENDED)
    for _ in range(existing, count):
        CertificationFactory(producer=CooperativeFactory(users=[]).producer)
    assert Producer.objects.approved().count() == count


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [10, 200])
def test_the_list_page_runs_a_constant_number_of_queries(
    client, count, django_assert_max_num_queries
):
    make_producers(count)
    client.get("/producers/")  # warm caches that are not per request
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        client.get("/producers/")
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        client.get(
            "/producers/?certification=vietgap&province=01&page=2"
            if count > 24
            else "/producers/?certification=vietgap"
        )


def test_the_list_page_costs_the_same_for_10_and_200(client):
    make_producers(10)
    client.get("/producers/")
    small = count_queries(client, "/producers/")
    make_producers(200)
    large = count_queries(client, "/producers/")
    assert small == large


@pytest.mark.parametrize("count", [10, 200])
def test_the_profile_page_runs_a_constant_number_of_queries(
    client, count, django_assert_max_num_queries
):
    producer = Producer.objects.approved().order_by("pk").first()
    make_producers(count)
    url = producer.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(MAX_PROFILE_QUERIES):
        client.get(url)


def test_the_profile_page_costs_the_same_for_10_and_200(client):
    producer = Producer.objects.approved().order_by("pk").first()
    make_producers(10)
    client.get(producer.get_absolute_url())
    small = count_queries(client, producer.get_absolute_url())
    make_producers(200)
    assert count_queries(client, producer.get_absolute_url()) == small
