"""A cooperative saves script in a product description; no visitor's browser ever runs it.

And the Content-Security-Policy holds in Chromium: the public pages, the dashboard and the
CMS admin load without a single violation, while a script injected into a page is refused.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from playwright.sync_api import expect
from wagtail.models import Page

from compliance import listings
from tests.factories import ProductFactory
from tests.personas import COOPERATIVE_PASSWORD, STAFF
from traceability.models import Batch

pytestmark = pytest.mark.browser

Product = get_model("catalogue", "Product")
COOPERATIVE = "htx.gombattrang@example.vn"
PAYLOAD = (
    "<p>Gốm men lam <strong>Bát Tràng</strong>, nung ở 1.300 °C.</p>"
    "<script>window.pwned = true; document.title = 'pwned';</script>"
    "<img src=x onerror=\"window.pwned = true; alert('img')\">"
    "<a href=\"javascript:window.pwned = true; alert('link')\">Xem thêm</a>"
)
# Records every CSP violation from the first byte of each page on.
WATCH = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sample);"
    "});"
)


@pytest.fixture
def product(committed_db):
    partner = get_user_model().objects.get(email=COOPERATIVE).partners.get()
    product = ProductFactory(partner=partner, title="Bình gốm thử nghiệm bảo mật")
    yield product
    Product.objects.filter(pk=product.pk).delete()


def log_in(page, email: str, password: str) -> None:
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def watch(page) -> list[str]:
    """Dialogs opened and CSP violations reported on this page, as they happen."""
    events: list[str] = []
    page.context.add_init_script(WATCH)
    page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        lambda msg: events.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return events


def test_a_cooperatives_script_in_a_description_never_runs(page, product):
    events = watch(page)
    log_in(page, COOPERATIVE, COOPERATIVE_PASSWORD)
    page.goto(f"/dashboard/catalogue/products/{product.pk}/")
    expect(page.locator("#id_description")).to_be_attached()
    # Straight into the form field, past the editor's own clean-up: the server must cope.
    page.evaluate(
        "payload => { if (window.tinymce) { tinymce.remove(); }"
        " document.querySelector('#id_description').value = payload; }",
        PAYLOAD,
    )
    page.locator("button[name=action][value=save]").click()
    # Saved: back on the product list, not the form again with an error.
    expect(page).to_have_url(re.compile(r"/dashboard/catalogue/(\?.*)?$"))
    product.refresh_from_db()
    assert "<script" not in product.description and "onerror" not in product.description
    listings.approve(product)  # a changed description waits for staff review (#16)

    response = page.goto(product.get_absolute_url())
    policy = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    description = page.locator(".product-description")
    expect(description).to_contain_text("Gốm men lam Bát Tràng, nung ở 1.300 °C.")
    expect(description.locator("strong")).to_have_text("Bát Tràng")
    expect(description.locator("script, img")).to_have_count(0)
    link = description.get_by_text("Xem thêm")
    assert link.get_attribute("href") is None  # the javascript: address is gone
    link.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"
    assert events == []


def test_a_script_slipped_into_a_public_page_is_refused_by_the_policy(page, product):
    events = watch(page)
    page.goto(product.get_absolute_url())
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.pwned = true'; document.body.appendChild(s);"
        " document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.pwned=1\">'); }"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    violations = page.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any("Content Security Policy" in e for e in events)


def violations_on(page, urls: list[str]) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response.status in (200, 404), url
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        if violations:
            found[url] = violations
    return found


def test_public_pages_load_without_a_single_violation(page):
    watch(page)
    public = Product.objects.filter(is_public=True, structure="standalone").first()
    batch = Batch.objects.published().first()
    urls = [
        "/",
        "/shop/catalogue/",
        public.get_absolute_url(),
        "/shop/search/?q=che",
        "/producers/",
        "/shop/basket/",
        "/shop/accounts/login/",
        "/tin-tuc/",
        f"/t/{batch.short_code}",
        "/no-such-page/",
    ]
    assert violations_on(page, urls) == {}


def test_the_dashboard_and_the_cms_admin_load_without_a_violation(page):
    watch(page)
    log_in(page, STAFF["email"], STAFF["password"])
    product = Product.objects.filter(structure="standalone").first()
    urls = [
        "/dashboard/",
        "/dashboard/catalogue/",
        f"/dashboard/catalogue/products/{product.pk}/",
        "/dashboard/orders/",
        "/dashboard/producers/",
        "/dashboard/traceability/",
        "/cms/",
        "/cms/pages/",
        "/cms/booth_registrations/",
    ]

    home = Page.objects.get(depth=2)
    event = Page.objects.live().filter(content_type__model="eventpage").first()
    urls += [
        f"/cms/pages/{home.pk}/",
        f"/cms/pages/{event.pk}/edit/",
        f"/cms/pages/{event.pk}/view_draft/",
    ]
    assert violations_on(page, urls) == {}
