"""The cooperative's traceability pages run a fixed number of queries, whatever the data."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory
from traceability.models import Scan, Serial

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
# Oscar's dashboard layout (session, user, navigation, notifications) included.
MAX_LIST_QUERIES = 10
MAX_BATCH_QUERIES = 15


@pytest.fixture
def product(coop_a_user):
    return ProductFactory(partner=Partner.objects.get(users=coop_a_user))


def grow(product, batches: int, events: int, serials: int):
    made = [
        BatchFactory(product=product, lot=f"Q{index:03d}", events=events)
        for index in range(batches)
    ]
    for batch in made:
        Serial.issue(batch, serials)
        for serial in batch.serials.all()[:3]:
            serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
            Scan.objects.create(batch=batch, serial=serial)
    return made


@pytest.mark.parametrize("size", [1, 30])
def test_the_batch_list_and_flags_are_constant(
    coop_a_client, product, size, django_assert_max_num_queries
):
    grow(product, batches=size, events=2, serials=4)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        assert coop_a_client.get("/dashboard/traceability/").status_code == 200
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        assert coop_a_client.get("/dashboard/traceability/flags/").status_code == 200


@pytest.mark.parametrize("size", [1, 50])
def test_the_batch_page_is_constant(coop_a_client, product, size, django_assert_max_num_queries):
    (batch,) = grow(product, batches=1, events=size, serials=size)
    for _ in range(size):
        Scan.objects.create(batch=batch)
    with django_assert_max_num_queries(MAX_BATCH_QUERIES):
        assert coop_a_client.get(f"/dashboard/traceability/batches/{batch.pk}/").status_code == 200
