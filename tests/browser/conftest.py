"""One headless Debian Chromium per test module, and a fresh Vietnamese page per test.

The session fixture `site_server` lives in tests/conftest.py: the Stripe tests use it too.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking switches Chromium keeps calling hosts this network refuses.
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


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(base_url=site_server, locale="vi-VN")
    yield context.new_page()
    context.close()
