"""Shop pages without jQuery, Bootstrap's bundle or Oscar's ui.js (#22 goal 4) still work:
the basket's quantity and Remove link (js/basket.js), an alert's close link (js/behaviours.js)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

pytestmark = pytest.mark.browser


@pytest.fixture
def item(committed_db):
    partner = CooperativeFactory(name="HTX Trang Nhẹ Thử", flat_rate=30000, free_above=None)
    yield ProductFactory(partner=partner, price=90000, stock=5, title="Chè búp trang nhẹ thử")
    remove_cooperatives(partner)


def test_the_basket_works_without_jquery(page, item):
    page.goto(item.get_absolute_url())
    assert page.evaluate("typeof window.jQuery") == "undefined"
    page.locator("#add_to_basket_form button[type=submit]").click()
    alerts = page.locator("#messages .alert")
    expect(alerts.first).to_be_visible()
    shown = alerts.count()  # "added to your basket" and the basket's new total
    alerts.first.locator("[data-dismiss=alert]").click()  # closed by js/behaviours.js
    expect(alerts).to_have_count(shown - 1)

    page.goto("/shop/basket/")
    assert page.evaluate("typeof window.jQuery") == "undefined"
    quantity = page.locator("#basket_formset input[name$=quantity]")
    quantity.fill("3")
    page.locator("#basket_formset button[type=submit]").first.click()
    expect(quantity).to_have_value("3")
    expect(page.locator("#basket_formset")).to_contain_text("270.000")

    page.locator("#basket_formset a[data-behaviours=remove]").click()
    expect(page.locator("#basket_formset")).to_have_count(0)
    expect(page.locator(".basket-count")).to_have_text("0")


def test_the_account_pages_still_load_oscars_scripts(page):
    page.goto("/shop/accounts/login/")
    assert page.evaluate("typeof window.jQuery") == "function"
    assert page.evaluate("typeof window.oscar.init") == "function"
