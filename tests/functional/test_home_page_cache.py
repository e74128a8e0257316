"""The home page is shared between anonymous visitors and still right: featured products,
figures and news change on it as soon as their data changes, and no account's page is shared."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from oscar.core.loading import get_model

from cms.models import HomePage, NewsArticlePage
from lib.pagecache import CSRF_PLACEHOLDER
from tests.factories import CooperativeFactory, ProductFactory
from tests.flows import signed_in

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def products_figure(html: str) -> str:
    return re.search(r'figure-card--products"><span class="figure-card__number">([^<]+)<', html)[1]


def sql(context) -> list[str]:
    return [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_a_second_anonymous_visitor_gets_the_shared_home_page():
    first, second = Client().get("/"), Client().get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        html = response.content.decode()
        assert response.status_code == 200
        assert CSRF_PLACEHOLDER not in html and "ocop-hole:" not in html
        assert 'data-basket-count="0"' in html


def test_a_cached_home_page_costs_only_the_routing_queries():
    Client().get("/")
    with CaptureQueriesContext(connection) as cached:
        assert Client().get("/")["X-Page-Cache"] == "hit"
    with CaptureQueriesContext(connection) as rendered:
        unknown = Client().get("/", {"utm_source": "zalo"})  # rendered for this request only
    assert "X-Page-Cache" not in unknown
    # Finding the site, routing to the page and checking its view restrictions.
    assert len(sql(cached)) <= 4 < len(sql(rendered))


def test_signed_in_visitors_get_their_own_page(buyer):
    Client().get("/")
    response = signed_in(buyer).get("/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_new_product_and_a_price_change_show_at_once():
    before = products_figure(Client().get("/").content.decode())
    assert Client().get("/")["X-Page-Cache"] == "hit"
    ProductFactory(partner=CooperativeFactory())
    after = Client().get("/")
    assert after["X-Page-Cache"] == "miss"
    assert products_figure(after.content.decode()) != before

    home = HomePage.objects.get(depth=2)
    card = home.get_featured_products()[0]
    record = (
        StockRecord.objects.filter(product_id=card.pk).first()
        or StockRecord.objects.filter(product__parent_id=card.pk).first()
    )
    record.price = 987_000
    record.save()
    assert "987.000" in Client().get("/").content.decode()


def test_publishing_and_unpublishing_news_shows_at_once():
    Client().get("/")
    article = NewsArticlePage.objects.live().order_by("-date").first()
    copy = article.copy(
        update_attrs={
            "title": "Tin mới: phiên chợ OCOP cuối tuần",
            "slug": "tin-moi-phien-cho-ocop",
            "date": timezone.localdate() + datetime.timedelta(days=1),
        },
        keep_live=False,
    )
    assert escape(copy.title) not in Client().get("/").content.decode()
    copy.save_revision().publish()
    assert escape(copy.title) in Client().get("/").content.decode()
    copy.refresh_from_db()
    copy.unpublish()
    assert escape(copy.title) not in Client().get("/").content.decode()
