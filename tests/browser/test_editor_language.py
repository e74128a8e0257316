"""The dashboard's rich-text editor speaks Vietnamese (static/js/tinymce-vi.js)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_untrusted_html import COOPERATIVE, log_in, product, watch  # noqa: F401 (fixture)
from tests.personas import COOPERATIVE_PASSWORD

pytestmark = pytest.mark.browser


def test_the_description_editors_toolbar_is_vietnamese(page, product):  # noqa: F811
    events = watch(page)
    log_in(page, COOPERATIVE, COOPERATIVE_PASSWORD)
    page.goto(f"/dashboard/catalogue/products/{product.pk}/")
    toolbar = page.locator(".tox-toolbar__primary").first
    expect(toolbar).to_be_visible()
    labels = toolbar.locator("button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))"
    )
    assert {"In đậm", "In nghiêng", "Trích dẫn", "Danh sách dấu chấm", "Danh sách đánh số"} <= set(
        labels
    ), labels
    assert not {"Bold", "Italic", "Blockquote", "Bullet list", "Numbered list"} & set(labels)
    assert page.evaluate("tinymce.activeEditor.options.get('language')") == "vi"
    assert events == []  # no CSP violation: the strings come from a static file
