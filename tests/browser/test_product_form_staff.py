"""Staff edit a product on the same one-page form as cooperatives, and saving works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_untrusted_html import log_in, product  # noqa: F401 (fixture)
from tests.personas import STAFF

pytestmark = pytest.mark.browser


def test_staff_save_the_one_page_form_with_their_sections_in_view(page, product):  # noqa: F811
    log_in(page, STAFF["email"], STAFF["password"])
    page.goto(f"/dashboard/catalogue/products/{product.pk}/")
    expect(page.locator("#product_update_tabs")).to_have_count(0)
    for section in ("#product_images", "#product_stock", "#product_recommended", "#seo"):
        expect(page.locator(section)).to_be_visible()
    page.fill("#id_title", "Bình gốm men lam (sửa)")
    page.locator("button[name=action][value=save]").click()
    expect(page).to_have_url(re.compile(r"/dashboard/catalogue/(\?.*)?$"))
    product.refresh_from_db()
    assert product.title == "Bình gốm men lam (sửa)"
