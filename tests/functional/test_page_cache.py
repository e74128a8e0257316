"""Anonymous visitors share cached catalogue pages, yet each gets their own CSRF token and basket."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from lib.pagecache import CSRF_PLACEHOLDER, HOLE

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def buyable_product():
    return (
        Product.objects.browsable()
        .filter(stockrecords__num_in_stock__gt=5, stockrecords__price__gt=0)
        .order_by("pk")
        .first()
    )


def basket_count(html: str) -> int:
    return int(re.search(r'data-basket-count="(\d+)"', html).group(1))


def test_a_second_anonymous_visitor_gets_the_cached_page():
    url = buyable_product().categories.first().get_absolute_url()
    first = Client().get(url)
    second = Client().get(url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        html = response.content.decode()
        assert CSRF_PLACEHOLDER not in html and "ocop-hole:" not in html
        assert basket_count(html) == 0


def test_each_visitor_gets_a_working_csrf_token_from_a_cached_page():
    product = buyable_product()
    url = product.categories.first().get_absolute_url()
    Client().get(url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    assert response["X-Page-Cache"] == "hit"
    tokens = set(TOKEN.findall(response.content.decode()))
    assert len(tokens) == 1 and "csrftoken" in response.cookies

    added = visitor.post(
        f"/shop/basket/add/{product.pk}/",
        {"quantity": 1, "csrfmiddlewaretoken": tokens.pop()},
    )
    assert added.status_code == 302

    # The "added" message is this visitor's only: that page is not shared...
    with_message = visitor.get(url)
    assert "X-Page-Cache" not in with_message
    assert product.get_title() in with_message.content.decode()
    # ...and the next one is, with this visitor's basket count filled in.
    again = visitor.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert basket_count(again.content.decode()) == 1
    assert basket_count(Client().get(url).content.decode()) == 0


def test_a_forged_post_is_still_refused():
    product = buyable_product()
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(product.get_absolute_url())
    response = visitor.post(
        f"/shop/basket/add/{product.pk}/", {"quantity": 1, "csrfmiddlewaretoken": CSRF_PLACEHOLDER}
    )
    assert response.status_code == 403


def test_signed_in_users_never_get_or_fill_shared_pages(buyer_client):
    url = buyable_product().get_absolute_url()
    Client().get(url)
    response = buyer_client.get(url)
    assert "X-Page-Cache" not in response
    html = response.content.decode()
    assert "/accounts/logout/" in html or "logout" in html
    assert "logout" not in Client().get(url).content.decode()


def test_a_price_change_shows_at_once():
    product = buyable_product()
    url = product.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    record = StockRecord.objects.filter(product=product).first()
    record.price = Decimal("123457")
    record.save()
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "123.457" in response.content.decode()


def test_each_language_has_its_own_page():
    url = buyable_product().get_absolute_url()
    vietnamese = Client().get(url).content.decode()
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get(url)
    assert english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode() and 'lang="vi"' in vietnamese


def test_unknown_query_parameters_are_not_cached():
    url = buyable_product().categories.first().get_absolute_url()
    Client().get(url, {"utm_source": "zalo"})
    assert "X-Page-Cache" not in Client().get(url, {"utm_source": "zalo"})
    assert Client().get(url, {"sort_by": "newest"})["X-Page-Cache"] == "miss"


def test_a_cached_product_page_still_counts_the_view_and_remembers_it():
    first, second = Product.objects.browsable().order_by("pk")[:2]
    visitor = Client()
    Client().get(first.get_absolute_url())  # cached by another visitor
    response = visitor.get(first.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert ProductRecord.objects.get(product=first).num_views == 2
    assert str(first.pk) in response.cookies["oscar_history"].value

    # The next page lists it as recently viewed for this visitor only.
    html = visitor.get(second.get_absolute_url()).content.decode()
    assert first.get_absolute_url() in html.split("recently-viewed", 1)[1]
    assert "recently-viewed" not in Client().get(second.get_absolute_url()).content.decode()


def queries_for(url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert Client().get(url)["X-Page-Cache"] == "hit"
    return [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_a_cached_page_costs_no_rendering_queries():
    product = buyable_product()
    category_url = product.categories.first().get_absolute_url()
    Client().get(category_url)
    Client().get(product.get_absolute_url())
    assert queries_for(category_url) == []
    # The product page counts the view (Oscar's analytics): one UPDATE.
    counted = queries_for(product.get_absolute_url())
    assert len(counted) == 1 and counted[0].startswith("UPDATE")


def test_the_cache_can_be_turned_off(settings):
    settings.OCOP_PAGE_CACHE_SECONDS = 0
    url = buyable_product().get_absolute_url()
    Client().get(url)
    response = Client().get(url)
    assert "X-Page-Cache" not in response
    assert HOLE.format("basket") not in response.content.decode()


def test_unpublishing_a_news_page_drops_it_from_cached_search_pages():
    from cms.models import NewsArticlePage

    article = NewsArticlePage.objects.get(slug="thanh-toan-vietqr-tren-san")
    url = article.url
    assert url in Client().get("/shop/search/", {"q": "vietqr"}).content.decode()
    assert Client().get("/shop/search/", {"q": "vietqr"})["X-Page-Cache"] == "hit"
    article.unpublish()
    assert url not in Client().get("/shop/search/", {"q": "vietqr"}).content.decode()


def test_renaming_a_cooperative_shows_on_cached_product_pages():
    product = buyable_product()
    url = product.get_absolute_url()
    Client().get(url)
    producer = product.producer
    producer.name = "Hợp tác xã Đổi Tên Thử Nghiệm"
    producer.save()
    assert producer.name in Client().get(url).content.decode()


def test_each_host_has_its_own_page():
    url = buyable_product().get_absolute_url()
    Client().get(url)
    assert Client(HTTP_HOST="localhost").get(url)["X-Page-Cache"] == "miss"
    assert Client(HTTP_HOST="localhost").get(url)["X-Page-Cache"] == "hit"


def test_a_cached_card_shows_a_stock_change_at_once(settings):
    settings.OCOP_PAGE_CACHE_SECONDS = 0  # the card cache alone
    url = buyable_product().categories.first().get_absolute_url()
    first = Client().get(url).content.decode()
    pk = int(re.search(r"/shop/basket/add/(\d+)/", first).group(1))
    for record in StockRecord.objects.filter(product_id=pk):  # saved, as every stock change is
        record.num_in_stock, record.num_allocated = 0, 0
        record.save()
    assert f"/shop/basket/add/{pk}/" not in Client().get(url).content.decode()


def test_signed_in_users_get_their_own_token_in_cached_cards(buyer, settings):
    settings.OCOP_PAGE_CACHE_SECONDS = 0
    product = buyable_product()
    url = product.categories.first().get_absolute_url()
    Client().get(url)  # caches the cards
    visitor = Client(enforce_csrf_checks=True)
    visitor.force_login(buyer)
    html = visitor.get(url).content.decode()
    assert CSRF_PLACEHOLDER not in html
    token = TOKEN.findall(html)[-1]
    added = visitor.post(
        f"/shop/basket/add/{product.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token}
    )
    assert added.status_code == 302


def test_signed_in_users_see_a_price_change_on_a_product_page_at_once(buyer_client):
    product = buyable_product()
    url = product.get_absolute_url()
    buyer_client.get(url)  # the product and its related products are now cached
    record = StockRecord.objects.filter(product=product).first()
    record.price = Decimal("234567")
    record.save()
    assert "234.567" in buyer_client.get(url).content.decode()


def test_a_product_page_loads_its_product_from_the_cache(buyer_client, settings):
    settings.OCOP_PAGE_CACHE_SECONDS = 0
    url = buyable_product().get_absolute_url()
    buyer_client.get(url)
    with CaptureQueriesContext(connection) as context:
        buyer_client.get(url)
    sql = " ".join(q["sql"] for q in context.captured_queries)
    # Neither the product with its relations nor its related products' cards were loaded.
    assert "has_product_class_options" not in sql


def test_recently_viewed_products_cost_the_same_queries_for_one_or_six(settings):
    settings.OCOP_FRAGMENT_CACHE_SECONDS = 0  # rendered each time, not a fragment's cache hit
    products = list(Product.objects.browsable().order_by("pk")[:8])
    target = products[-1].get_absolute_url()
    Client().get(target)  # cached for everyone

    def queries_after_viewing(count: int) -> int:
        visitor = Client()
        for product in products[:count]:
            visitor.get(product.get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            html = visitor.get(target).content.decode()
        assert products[count - 1].get_absolute_url() in html.split("recently-viewed", 1)[1]
        return len([q for q in context.captured_queries if "SAVEPOINT" not in q["sql"]])

    assert queries_after_viewing(6) == queries_after_viewing(1) <= 6
