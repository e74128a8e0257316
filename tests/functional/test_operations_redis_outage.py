"""Redis is a cache: when it dies under traffic the shop keeps answering from the database.

A Redis server of the test's own is stopped while clients browse, fill baskets, check out and
scan codes; every page still answers without a 5xx, the outage is logged once rather than per
request, sign-ins stay throttled (django-axes counts in the database) and webhooks without a
valid signature are still refused. When the server is back the cache fills again by itself.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.test import Client, override_settings
from oscar.core.loading import get_model

from tests import flows
from tests.personas import BUYER
from tests.redis_server import RedisServer
from traceability.models import Batch

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
DOWN_SECONDS = 1


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    try:
        with override_settings(CACHES=server.cache_settings(DOWN_SECONDS)):
            yield server
    finally:
        server.stop()


@pytest.fixture
def shop():
    return shop_pages()


def shop_pages() -> dict:
    """The pages a shopper goes through, and a product to buy."""
    product = (
        Product.objects.browsable()
        .filter(stockrecords__num_in_stock__gt=50, stockrecords__price__gt=0)
        .order_by("pk")
        .first()
    )
    batch = Batch.objects.published().order_by("pk").first()
    return {
        "home": "/",
        "category": product.categories.first().get_absolute_url(),
        "product": product.get_absolute_url(),
        "search": "/shop/search/?q=c%C3%A0+ph%C3%AA",
        "origin": flows.path_of(batch.code_uri()),
        "item": product,
    }


def browse_and_buy(shop, clients) -> list[tuple[str, int]]:
    """One round of traffic from every client: (what, status) for each request made."""
    seen = []
    for client in clients:
        for name in ("home", "category", "product", "search", "origin"):
            seen.append((name, client.get(shop[name]).status_code))
        seen.append(("basket-add", flows.add_to_basket(client, shop["item"]).status_code))
        seen.append(("basket", client.get("/shop/basket/").status_code))
        seen.append(("checkout-page", client.get("/shop/checkout/").status_code))
        seen.append(("checkout", flows.checkout(client).status_code))
    return seen


def test_every_page_answers_while_redis_is_down_and_the_cache_comes_back(
    redis_server, shop, caplog, django_user_model
):
    buyer = django_user_model.objects.get(email=BUYER["email"])
    clients = [Client(), Client(), Client(), flows.signed_in(buyer)]
    orders_before = Order.objects.count()

    up = browse_and_buy(shop, clients)
    assert all(status < 500 for _, status in up), up
    Client().get(shop["category"])
    assert Client().get(shop["category"])["X-Page-Cache"] == "hit"  # Redis really serves

    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="lib.cache"):
        down = browse_and_buy(shop, clients) + browse_and_buy(shop, clients)
    assert all(status < 500 for _, status in down), [s for s in down if s[1] >= 500]
    assert dict(down)["checkout"] == 302
    assert Order.objects.count() == orders_before + 3 * len(clients)  # every checkout placed
    # One warning for the outage, not one per cache call of each of those 80 requests.
    outage = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(outage) == 1

    redis_server.start()
    time.sleep(DOWN_SECONDS + 0.2)  # the breaker lets the next call through
    again = browse_and_buy(shop, clients[:1])
    assert all(status < 500 for _, status in again), again
    anonymous = Client()
    anonymous.get(shop["product"])
    assert Client().get(shop["product"])["X-Page-Cache"] == "hit"  # cached again, no restart


def test_sign_ins_stay_throttled_and_webhooks_refused_while_redis_is_down(redis_server, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.BANK_TRANSFER_WEBHOOK_SECRET = "bank-secret-for-tests"
    redis_server.stop()
    client = Client()
    statuses = [
        client.post(
            "/shop/accounts/login/",
            {"login-username": BUYER["email"], "login-password": "sai", "login_submit": "1"},
        ).status_code
        for _ in range(4)
    ]
    assert statuses[-1] == 429  # locked out: the count is in the database, not in Redis
    # The right password does not get through a lock-out either.
    locked = client.post(
        "/shop/accounts/login/",
        {
            "login-username": BUYER["email"],
            "login-password": BUYER["password"],
            "login_submit": "1",
        },
    )
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    webhook = Client().post(
        "/shop/checkout/bank-transfer/webhook/",
        b'{"transaction_id": "FT1", "amount": 1, "memo": "OCOP 1"}',
        content_type="application/json",
        HTTP_X_SIGNATURE="forged",
    )
    assert webhook.status_code == 403


def test_a_signed_in_session_survives_a_redis_outage(redis_server, django_user_model):
    """Sessions are kept in the database (Django's default SESSION_ENGINE), not in Redis."""
    from django.conf import settings

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    client = Client()
    assert (
        client.post(
            "/shop/accounts/login/",
            {
                "login-username": BUYER["email"],
                "login-password": BUYER["password"],
                "login_submit": "1",
            },
        ).status_code
        == 302
    )
    redis_server.stop()
    assert client.get("/shop/accounts/profile/").status_code == 200
    assert "_auth_user_id" in client.session
