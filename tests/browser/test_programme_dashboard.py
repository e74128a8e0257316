"""Staff open the programme dashboard in Chromium, change the period and the province, and the
charts, their tables and the 34-province map follow; no script is refused by the policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.personas import STAFF

pytestmark = pytest.mark.browser

CSP = "Content Security Policy"


def log_in(page) -> None:
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", STAFF["email"])
    page.fill("#id_login-password", STAFF["password"])
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def table_rows(page, key: str) -> list[str]:
    return page.locator(f"table[data-table={key}] tbody tr").all_inner_texts()


def test_filters_redraw_the_charts_tables_and_map(page):
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if CSP in msg.text else None)
    log_in(page)
    page.goto("/dashboard/programme/")
    expect(page.locator("#province-map g.tile")).to_have_count(34)
    months = table_rows(page, "sales_by_month")
    assert len(months) == 12
    chart_bars = page.locator("#chart-sales_by_month g.bar")
    expect(chart_bars).to_have_count(12)
    all_provinces = table_rows(page, "provinces")
    assert len(all_provinces) == 34

    # The period: the script submits the form on change, the page shows 2019.
    page.select_option("#id_period", "2019")
    expect(page).to_have_url(re.compile(r"period=2019"))
    assert table_rows(page, "sales_by_month")[0].startswith("2019-01")
    expect(page.locator("#chart-sales_by_month g.bar").first).to_have_attribute(
        "data-label", "2019-01"
    )
    assert "31/12/2019" in page.locator("#programme-heading").inner_text()

    # The province: one row in the province table, the map still draws all 34.
    page.select_option("#id_period", "12m")
    expect(page).to_have_url(re.compile(r"period=12m"))
    page.select_option("#id_province", "01")
    expect(page).to_have_url(re.compile(r"province=01"))
    rows = table_rows(page, "provinces")
    assert len(rows) == 1 and rows[0].startswith("Hà Nội")
    expect(page.locator("#province-map g.tile")).to_have_count(34)
    shaded = page.locator("#province-map g.tile:not([data-value='0'])")
    assert all(
        code == "01" for code in shaded.evaluate_all("els => els.map(e => e.dataset.province)")
    )
    assert "Hà Nội" in page.locator("#programme-heading").inner_text()
    # Each chart has its table, for screen readers.
    assert (
        page.locator("figure.programme-chart").count()
        == page.locator("figure.programme-chart table").count()
    )
    assert violations == []
