"""Every response carries a Content-Security-Policy: no inline script runs without its nonce."""

from __future__ import annotations

import re

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from oscar.core.loading import get_model
from wagtail.models import Page

from lib import pagecache
from producers.models import Producer
from tests.functional.test_origin_page import scan
from traceability.models import Batch

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
NONCE_ATTR = re.compile(r'<script nonce="([^"]*)"')


def directives(response, header: str = "Content-Security-Policy") -> dict[str, list[str]]:
    policy = response[header]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_strict(response) -> dict[str, list[str]]:
    policy = directives(response)
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert script[0] == "'self'"
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"][:2] == ["'self'", "data:"]
    # Every inline script of the page carries the nonce of this very response.
    html = response.content.decode()
    for nonce in NONCE_ATTR.findall(html):
        assert f"'nonce-{nonce}'" in script
    return policy


def add_to_basket(client) -> None:
    product = Product.objects.filter(
        is_public=True, structure="standalone", stockrecords__num_in_stock__gt=5
    ).first()
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302


def public_pages() -> list[str]:
    product = Product.objects.filter(is_public=True, structure="standalone").first()
    producer = Producer.objects.approved().order_by("pk").first()
    pages = [
        "/",
        "/shop/catalogue/",
        product.get_absolute_url(),
        "/shop/search/?q=che",
        producer.get_absolute_url(),
        "/producers/",
        "/shop/basket/",
        "/shop/accounts/login/",
        "/no-such-page/",
    ]
    for model in ("newsindexpage", "newsarticlepage", "eventpage", "coursepage", "honourpage"):
        pages.append(Page.objects.live().filter(content_type__model=model).first().url)
    return pages


def test_every_public_page_type_carries_a_strict_policy(client):
    for url in public_pages():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict(response)


def test_the_origin_page_and_its_short_code_carry_it(client):
    batch = Batch.objects.published().first()
    for response in (scan(client, batch.uri), client.get(f"/t/{batch.short_code}")):
        assert response.status_code == 200
        policy = assert_strict(response)
        # The location button's script is rendered for each scan, with this response's nonce.
        assert NONCE_ATTR.findall(response.content.decode())
        assert any(v.startswith("'nonce-") for v in policy["script-src"])


def test_account_basket_and_checkout_pages_carry_it(buyer_client):
    add_to_basket(buyer_client)
    for url in (
        "/shop/accounts/profile/",
        "/shop/accounts/profile/edit/",
        "/shop/accounts/orders/",
        "/shop/basket/",
        "/shop/checkout/",
    ):
        response = buyer_client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_a_shared_cached_page_gets_each_visitor_their_own_nonce(rf, settings):
    # The shop's shared pages have no inline script now (#22): a page with one, through the
    # page cache itself, each request with its nonce from django-csp's middleware.
    settings.OCOP_PAGE_CACHE_SECONDS = 300

    def visit():
        request = rf.get("/shared/")
        CSPMiddleware(lambda r: HttpResponse()).process_request(request)
        return request, pagecache.serve_shared(
            request,
            "test-shared-nonce",
            lambda: HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>'),
            {},
        )

    (first_request, first), (second_request, second) = visit(), visit()
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    nonces = [NONCE_ATTR.findall(r.content.decode()) for r in (first, second)]
    assert nonces == [[str(first_request.csp_nonce)], [str(second_request.csp_nonce)]]
    assert nonces[0] != nonces[1]


def test_the_shops_shared_pages_have_no_inline_script(client, settings):
    settings.OCOP_PAGE_CACHE_SECONDS = 300
    for url in ("/", "/shop/catalogue/"):
        first, second = client.get(url), client.__class__().get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        for response in (first, second):
            assert_strict(response)
            assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode()), url


def test_the_dashboard_keeps_the_strict_policy(coop_a_client, staff_client):
    assert_strict(coop_a_client.get("/dashboard/"))
    assert_strict(coop_a_client.get("/dashboard/catalogue/"))
    assert_strict(staff_client.get("/dashboard/orders/"))


def test_wagtail_admin_alone_allows_inline_scripts_but_not_its_login_or_previews(
    client, staff_client
):
    policy = directives(staff_client.get("/cms/pages/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(v.startswith("'nonce-") for v in policy["script-src"])  # it would void it
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    login = directives(client.get("/cms/login/"))
    assert "'unsafe-inline'" not in login["script-src"]
    page = Page.objects.live().filter(content_type__model="eventpage").first()
    draft = directives(staff_client.get(f"/cms/pages/{page.pk}/view_draft/"))
    assert "'unsafe-inline'" not in draft["script-src"]
    assert draft["frame-ancestors"] == ["'self'"]  # the editor frames its preview


def test_stripe_is_allowed_on_the_checkout_only_when_card_payments_are_on(buyer_client, settings):
    add_to_basket(buyer_client)
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    assert (
        "https://js.stripe.com"
        not in buyer_client.get("/shop/checkout/")["Content-Security-Policy"]
    )
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    policy = directives(buyer_client.get("/shop/checkout/"))
    assert "https://js.stripe.com" in policy["script-src"]
    assert "https://js.stripe.com" in policy["frame-src"]
    assert "https://api.stripe.com" in policy["connect-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "https://js.stripe.com" not in buyer_client.get("/")["Content-Security-Policy"]


def test_media_store_origins_are_allowed_images(client, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": ["'self'", "data:", "https://media.ocop.example.vn"],
        }
    }
    assert "https://media.ocop.example.vn" in directives(client.get("/"))["img-src"]
