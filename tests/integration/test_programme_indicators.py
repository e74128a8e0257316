"""Each programme indicator on the hand-counted world of tests/programme_world.py."""

from __future__ import annotations

import datetime

import pytest

from programme import indicators_activity as activity
from programme import indicators_products as products
from programme import indicators_sales as sales
from programme import report
from programme.filters import Scope
from tests import programme_world
from tests.programme_world import PROVINCE, YEAR_2019

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return programme_world.build()


def test_certified_products_by_stars_leave_out_expired_revoked_and_uncertified(world):
    assert products.by_stars(YEAR_2019) == {3: 2, 4: 1, 5: 1}


def test_certificates_issued_in_force_expiring_expired_and_revoked(world):
    # Counted from the evaluation councils' certificates (see programme_world.certify).
    programme_world.certify(world)
    assert products.certificates(YEAR_2019) == {
        "issued": 3,
        "in_force": 5,
        "expiring": 1,
        "expired": 1,
        "revoked": 1,
    }


def test_certificates_follow_the_sector_and_province_filters(world):
    programme_world.certify(world)
    drinks = Scope(YEAR_2019.start, YEAR_2019.end, YEAR_2019.provinces, sector="2")
    assert products.certificates(drinks)["in_force"] == 1  # P3
    elsewhere = Scope(YEAR_2019.start, YEAR_2019.end, ("01",))
    assert set(products.certificates(elsewhere).values()) == {0}


def test_catalogue_ratings_alone_are_not_counted_as_certificates(world):
    # The world's OcopRatings have no certificate behind them until a council issues one.
    assert set(products.certificates(YEAR_2019).values()) == {0}


def test_certified_products_by_sector_province_and_type_of_producer(world):
    assert products.by_sector(YEAR_2019) == {"1": 3, "2": 1}
    assert products.by_province(YEAR_2019) == {PROVINCE: 4}
    assert products.by_producer_type(YEAR_2019) == {
        "cooperative": 2,
        "enterprise": 1,
        "household": 1,
    }


def test_the_sector_filter_keeps_only_that_sectors_products(world):
    drinks = Scope(YEAR_2019.start, YEAR_2019.end, YEAR_2019.provinces, sector="2")
    assert products.by_stars(drinks) == {5: 1}
    assert sales.summary(drinks)["totals"] == {"lines": 1, "gmv": 250000}


def test_marketplace_sales_leave_out_cancelled_orders(world):
    sold = sales.summary(YEAR_2019)
    assert sold["totals"] == {"lines": 2, "gmv": 450000}
    assert sold["by_month"] == {
        "2019-05": {"lines": 1, "gmv": 200000},
        "2019-06": {"lines": 1, "gmv": 250000},
    }
    assert sold["by_province"] == {PROVINCE: {"lines": 2, "gmv": 450000}}
    assert sales.by_sector(YEAR_2019) == {
        "1": {"lines": 1, "gmv": 200000},
        "2": {"lines": 1, "gmv": 250000},
    }
    top = sales.top_cooperatives(YEAR_2019)
    assert [(row["gmv"], row["lines"]) for row in top] == [(250000, 1), (200000, 1)]


def test_qr_scans_by_month_and_province(world):
    assert sales.scans_by_month(YEAR_2019) == {"2019-04": 2, "2019-08": 1}
    assert sales.scans_by_province(YEAR_2019) == {PROVINCE: 3}


def test_cooperatives_approved_value_chains_and_training(world):
    assert activity.approved_by_month(YEAR_2019) == {"2019-02": 2, "2019-09": 1}
    assert activity.cooperatives_and_training(YEAR_2019) == {"approved": 3, "trained": 1}
    assert activity.value_chains(YEAR_2019) == 2


def test_fairs_and_booths(world):
    assert activity.fairs(YEAR_2019) == {"fairs": 1, "booths": 1}


def test_the_report_puts_each_figure_against_its_target(world):
    built = report.build(YEAR_2019)
    tiles = {tile.key: tile for tile in built.tiles}
    assert tiles["certified_products"].value == 4
    assert tiles["certified_products"].target.value == 2400  # the 2019–2020 plan
    assert tiles["cooperatives_approved"].target.value == 140
    assert tiles["value_chains"].value == 2 and tiles["value_chains"].target.value == 77
    assert tiles["leaders_trained_pct"].value == 33
    assert tiles["gmv"].value == 450000
    provinces = built.table("provinces")
    assert provinces.rows == [["Cà Mau", 4, 450000, 2, 3, provinces.rows[0][5]]]
    assert len(built.map["tiles"]) == 34


def test_certificates_are_counted_on_the_periods_last_day(world):
    january = Scope(datetime.date(2019, 1, 1), datetime.date(2019, 2, 1), (PROVINCE,))
    # On 31/01/2019: P2 (2018) and P7 (2017) are in force; P4 expired on 01/01/2019.
    assert products.by_stars(january) == {3: 1, 4: 1}
    programme_world.certify(world)
    # P4 expired on 01/01/2019; P6's first certificate expired in 2018 and its second is
    # issued only in April 2019.
    assert products.certificates(january)["expired"] == 2
    assert sales.summary(january)["totals"] == {"lines": 0, "gmv": 0}


def test_the_number_of_queries_does_not_grow_with_the_data(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        report.build(YEAR_2019)
    # Twice the world: more products, ratings, orders, scans and cooperatives.
    programme_world.build()
    with django_assert_num_queries(len(first.captured_queries)):
        built = report.build(YEAR_2019)
    assert {t.key: t.value for t in built.tiles}["certified_products"] == 8
