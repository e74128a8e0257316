"""A visitor in a real browser: home page, English, a category, a product, the basket."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def page(site_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(base_url=site_server, locale="vi-VN")
        page = context.new_page()
        yield page
        context.close()
        browser.close()


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
