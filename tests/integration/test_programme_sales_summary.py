"""The monthly sales summary the programme dashboard reads stays equal to a count of the lines."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from order.models import Order
from order.transitions import Payment
from programme import indicators_sales as sales
from programme import report, sales_summary
from programme.filters import Scope
from programme.models import SalesMonth
from tests import factories
from tests.programme_world import PROVINCE, cooperative, sector_leaf

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    htx = cooperative("htx", "Năm Căn")
    other = factories.CooperativeFactory(producer__province_code="01")
    return {
        "food": factories.ProductFactory(
            partner=htx, category=sector_leaf("1"), price=120000, stock=100
        ),
        "drink": factories.ProductFactory(
            partner=other, category=sector_leaf("2"), price=35000, stock=100
        ),
    }


def this_month() -> Scope:
    today = timezone.localdate()
    start = today.replace(day=1)
    end = (start.replace(day=28) + timezone.timedelta(days=4)).replace(day=1)
    return Scope(start=start, end=end, provinces=None)


def assert_summary_is_a_recount():
    assert sales_summary.stored() == sales_summary.recount()


def totals() -> dict:
    return sales.summary(this_month())["totals"]


def added(before: dict, after: dict) -> dict:
    """What the test's orders added (the test database may hold other orders this month)."""
    return {key: after[key] - before[key] for key in before}


def sector_figures(sector: str) -> dict:
    return sales.by_sector(this_month()).get(sector, {"lines": 0, "gmv": 0})


def test_placing_orders_adds_their_lines_to_the_summary(shop):
    before, food_before, drink_before = totals(), sector_figures("1"), sector_figures("2")
    factories.OrderFactory(products=[shop["food"], shop["drink"]], quantities=[2, 3])
    factories.OrderFactory(products=[shop["food"]], quantities=[1])

    assert_summary_is_a_recount()
    assert added(before, totals()) == {"lines": 3, "gmv": 3 * 120000 + 3 * 35000}
    assert sales.summary(this_month())["by_province"][PROVINCE] == {"lines": 2, "gmv": 360000}
    assert added(food_before, sector_figures("1")) == {"lines": 2, "gmv": 360000}
    assert added(drink_before, sector_figures("2")) == {"lines": 1, "gmv": 105000}
    food = SalesMonth.objects.get(partner_pk=shop["food"].producer.partner_id)
    assert (food.sector, food.lines, food.quantity, food.gmv) == ("1", 2, 3, 360000)


def test_a_cancelled_order_leaves_the_summary(shop):
    before, drink_before = totals(), sector_figures("2")
    factories.OrderFactory(products=[shop["food"]], quantities=[1])
    cancelled = factories.OrderFactory(products=[shop["food"], shop["drink"]], quantities=[1, 1])
    assert added(before, totals()) == {"lines": 3, "gmv": 275000}

    assert cancelled.transition("cancelled").changed

    assert_summary_is_a_recount()
    assert added(before, totals()) == {"lines": 1, "gmv": 120000}
    assert added(drink_before, sector_figures("2")) == {"lines": 0, "gmv": 0}


def test_a_refunded_order_leaves_the_summary_when_the_refund_is_asked(shop):
    before = totals()
    order = factories.OrderFactory(products=[shop["drink"]], quantities=[4])
    assert order.transition("paid", payment=Payment(reference="T-1")).changed
    assert_summary_is_a_recount()
    assert added(before, totals()) == {"lines": 1, "gmv": 140000}

    assert order.transition("refund-requested", reason="Hàng hỏng").changed
    assert_summary_is_a_recount()
    assert added(before, totals()) == {"lines": 0, "gmv": 0}

    assert order.transition("refunded").changed
    assert_summary_is_a_recount()
    assert not SalesMonth.objects.filter(partner_pk=shop["drink"].producer.partner_id).exists()


def test_the_rebuild_puts_right_what_changed_behind_the_signals_back(shop):
    before = totals()
    order = factories.OrderFactory(products=[shop["food"]], quantities=[2])
    Order.objects.filter(pk=order.pk).update(status="cancelled")  # no signal
    factories.OrderFactory(products=[shop["drink"]], quantities=[1])
    assert sales_summary.stored() != sales_summary.recount()

    call_command("rebuild_summaries", "sales", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert_summary_is_a_recount()
    assert added(before, totals()) == {"lines": 1, "gmv": 35000}


def test_a_deleted_order_leaves_the_summary(shop):
    before = totals()
    order = factories.OrderFactory(products=[shop["food"]], quantities=[2])
    assert added(before, totals()) == {"lines": 1, "gmv": 240000}
    order.delete()
    assert_summary_is_a_recount()
    assert added(before, totals()) == {"lines": 0, "gmv": 0}


def test_the_summary_equals_the_line_count_in_every_scope(shop):
    factories.OrderFactory(products=[shop["food"], shop["drink"]], quantities=[1, 2])
    factories.OrderFactory(products=[shop["drink"]], quantities=[5]).transition("cancelled")
    scopes = [
        this_month(),
        Scope(this_month().start, this_month().end, (PROVINCE,)),
        Scope(this_month().start, this_month().end, None, sector="2"),
    ]
    for scope in scopes:
        lines = sales.lines_in_scope(scope)
        counted = {"lines": lines.count(), "gmv": sum(int(v.line_price_incl_tax) for v in lines)}
        assert sales.summary(scope)["totals"] == counted


def test_the_dashboard_reads_the_summary_not_the_order_lines(shop):
    factories.OrderFactory(products=[shop["food"]], quantities=[1])
    scope = Scope(this_month().start, this_month().end, (PROVINCE,))
    with CaptureQueriesContext(connection) as captured:
        built = report.build(scope)
    assert {t.key: t.value for t in built.tiles}["gmv"] == 120000
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert "programme_salesmonth" in read
    assert "order_line" not in read
