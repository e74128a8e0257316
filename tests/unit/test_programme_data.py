"""The programme's data files and its drawing helpers, without a database."""

from __future__ import annotations

import datetime

from programme import charts, plans
from programme.filters import Scope
from regions import units


def test_every_target_names_its_source_and_the_2019_plan_has_the_alliances_figures():
    for plan in plans.plans():
        assert plan.source and plan.starts_on < plan.ends_on
        for target in plan.targets:
            assert target.source and target.value > 0
    in_2020 = plans.targets_for(datetime.date(2020, 6, 1))
    assert in_2020["certified_products"].value == 2400
    assert in_2020["cooperatives_approved"].value == 140
    assert in_2020["value_chains"].value == 77
    assert in_2020["leaders_trained_pct"].value == 100
    assert in_2020["provinces_covered"].unverified


def test_national_benchmarks_are_dated_rows_with_a_source():
    rows = plans.benchmarks()
    assert all(row.source and row.source_url.startswith("https://") for row in rows)
    assert plans.latest_benchmark("certified_products", datetime.date(2024, 12, 31)).value == 12075
    assert plans.latest_benchmark("certified_products", datetime.date(2020, 1, 1)) is None


def test_the_tile_map_places_each_of_the_34_provinces_once():
    drawn = charts.tile_map({"01": 10, "79": 5})
    codes = [tile["code"] for tile in drawn["tiles"]]
    assert sorted(codes) == sorted(p.code for p in units.provinces())
    assert len({(tile["x"], tile["y"]) for tile in drawn["tiles"]}) == 34
    shades = {tile["code"]: tile["fill"] for tile in drawn["tiles"]}
    assert shades["01"] == charts.PALETTE[4] and shades["79"] == charts.PALETTE[2]
    assert shades["96"] == charts.EMPTY


def test_bars_scale_to_the_largest_value():
    drawn = charts.bars([("a", 10), ("b", 5), ("c", 0)])["bars"]
    assert drawn[0].width == 2 * drawn[1].width and drawn[2].width == 0


def test_a_scope_lists_the_months_of_its_period():
    scope = Scope(datetime.date(2025, 11, 1), datetime.date(2026, 2, 1), None)
    assert [m.isoformat() for m in scope.months()] == ["2025-11-01", "2025-12-01", "2026-01-01"]
