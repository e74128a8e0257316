"""In a browser: the API docs (Swagger UI from our static files) render under the site's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_every_endpoint_without_a_csp_violation(page):
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    outside = []
    page.on(
        "request",
        lambda r: r.url.startswith(("http://127.0.0.1", "data:")) or outside.append(r.url),
    )
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("OCOP")
    expect(page.locator(".opblock-summary-path[data-path='/api/v1/products/']")).to_have_count(1)
    page.locator(".opblock-summary-path[data-path='/api/v1/products/']").click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert problems == []
    assert outside == []
