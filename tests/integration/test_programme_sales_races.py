"""Orders of one bucket of the monthly sales summary changing at the same moment, in real
threads over committed data (the order's row lock on PostgreSQL, IMMEDIATE transactions on
SQLite): every change is counted."""

from __future__ import annotations

import pytest

from programme import sales_summary
from programme.models import SalesMonth
from tests import factories
from tests.concurrency import at_once
from tests.programme_world import cooperative, sector_leaf


@pytest.fixture
def committed_shop(committed_db):
    htx = cooperative("htx", "Cái Nước")
    built = {
        "partner": htx,
        "product": factories.ProductFactory(
            partner=htx, category=sector_leaf("1"), price=50000, stock=100
        ),
    }
    yield built
    SalesMonth.objects.filter(partner_pk=htx.pk).delete()
    factories.remove_cooperatives(htx)


def test_orders_of_one_bucket_changing_at_once_are_all_counted(committed_shop):
    """Real threads: the summary's buckets are updated in place (INSERT … ON CONFLICT DO
    UPDATE), so two transactions changing the same bucket never overwrite each other."""
    product = committed_shop["product"]
    orders = [factories.OrderFactory(products=[product], quantities=[1]) for _ in range(4)]
    bucket = SalesMonth.objects.filter(partner_pk=committed_shop["partner"].pk)
    assert bucket.get().lines == 4

    outcomes = at_once(*[lambda o=o: o.transition("cancelled") for o in orders[:3]])

    assert all(getattr(o, "changed", False) for o in outcomes), outcomes
    assert (bucket.get().lines, bucket.get().gmv) == (1, 50000)
    mine = {
        k: v for k, v in sales_summary.recount().items() if k[3] == committed_shop["partner"].pk
    }
    assert {
        k: v for k, v in sales_summary.stored().items() if k[3] == committed_shop["partner"].pk
    } == mine
