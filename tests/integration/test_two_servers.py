"""Two app servers sharing the database and the cache serve consistent pages: a price changed
through one is on the other's next anonymous page at once, though that page was cached.

Each server is gunicorn in a process of its own over the test database, as production runs
them; they share Redis (with REDIS_URL, under one key prefix) or, on the embedded default, one
cache folder. The data must be committed for the servers to read it: the test restores the
price it changed and removes the account it made.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests.processes import app_server

StockRecord = get_model("partner", "StockRecord")
PASSWORD = "hai-may-chu-" + uuid.uuid4().hex


class FormFields(HTMLParser):
    """The values a browser would submit from the first form with a `price` field."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox", "file"):
            self.fields[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[name] = attrs.get("value") or "on"
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


@pytest.fixture
def shared_cache(tmp_path):
    """What both servers' environment needs to share one cache."""
    if settings.CACHES["default"]["BACKEND"] == "lib.cache.RedisCache":
        return {"OCOP_TEST_CACHE_PREFIX": f"ocop-two-{uuid.uuid4().hex[:8]}"}
    return {"OCOP_TEST_CACHE_DIR": str(tmp_path / "cache")}


@pytest.fixture
def staff_and_stockrecord(committed_db):
    record = (
        StockRecord.objects.filter(product__is_public=True, price__gt=0, num_in_stock__gt=0)
        .select_related("product")
        .order_by("pk")
        .first()
    )
    price = record.price
    user = get_user_model().objects.create_superuser(
        username=f"two-{uuid.uuid4().hex[:8]}", email=f"two-{uuid.uuid4().hex[:8]}@example.vn",
        password=PASSWORD,
    )  # fmt: skip
    try:
        yield user, record
    finally:
        StockRecord.objects.filter(pk=record.pk).update(price=price)
        user.delete()


def test_a_price_changed_through_one_server_shows_on_the_other_at_once(
    staff_and_stockrecord, shared_cache, tmp_path
):
    staff, record = staff_and_stockrecord
    product_path = record.product.get_absolute_url()
    new_price = record.price + 7_000
    shown = f"{new_price:,.0f}".replace(",", ".")

    with (
        app_server(shared_cache, tmp_path / "a.log") as server_a,
        app_server(shared_cache, tmp_path / "b.log") as server_b,
    ):
        # Behind one public address (the proxy sends the same Host to both servers).
        host = {"Host": "localhost"}
        assert requests.get(server_b + product_path, headers=host).headers["X-Page-Cache"] == "miss"
        cached = requests.get(server_b + product_path, headers=host)
        assert cached.headers["X-Page-Cache"] == "hit" and shown not in cached.text
        # Server A finds the page B cached: the cache is one.
        assert requests.get(server_a + product_path, headers=host).headers["X-Page-Cache"] == "hit"

        # Staff change the price through server A (Django's admin, CSRF and all).
        browser = requests.Session()
        login_url = f"{server_a}/django-admin/login/"
        login_page = browser.get(login_url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)[1]
        signed = browser.post(
            login_url,
            data={"csrfmiddlewaretoken": token, "username": staff.username, "password": PASSWORD,
                  "next": "/django-admin/"},
            headers={"Referer": login_url},
        )  # fmt: skip
        assert signed.url.rstrip("/").endswith("/django-admin"), signed.text[-500:]
        change_url = f"{server_a}/django-admin/partner/stockrecord/{record.pk}/change/"
        fields = form_fields(browser.get(change_url).text)
        fields["price"] = str(new_price)
        saved = browser.post(change_url, data=fields, headers={"Referer": change_url})
        assert saved.status_code == 200 and "/change/" not in saved.url, saved.text[-800:]
        record.refresh_from_db()
        assert record.price == Decimal(new_price)

        fresh = requests.get(server_b + product_path, headers=host)
        assert fresh.headers["X-Page-Cache"] == "miss"
        assert shown in fresh.text
