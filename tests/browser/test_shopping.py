"""A visitor in a real browser: home page, English, a category, a product, the basket."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_switches_to_english_and_adds_a_product_to_the_basket(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    count = page.locator(".basket-count")
    expect(count).to_have_text("0")

    page.locator(".site-nav").get_by_role("link", name="Beverages").click()
    expect(page.locator("h1")).to_have_text("Beverages")
    page.locator(".product-card__title a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#add_to_basket_form").get_by_role("button", name="Add to cart").click()
    expect(count).to_have_text("1")
