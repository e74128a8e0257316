"""Signed-in pages: what is the same for everyone comes from cached fragments (lib/fragments.py),
and nothing one user sees there reaches another."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from lib.pagecache import CSRF_PLACEHOLDER, NONCE_PLACEHOLDER

Product = get_model("catalogue", "Product")
OcopRating = get_model("catalogue", "OcopRating")
StockRecord = get_model("partner", "StockRecord")
QueryLog = get_model("search", "QueryLog")

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def buyable_product():
    return (
        Product.objects.browsable()
        .filter(stockrecords__num_in_stock__gt=5, stockrecords__price__gt=0, ocop_rating__stars=4)
        .order_by("pk")
        .first()
    )


def pages(product) -> list[str]:
    return [
        product.categories.first().get_absolute_url(),
        f"/shop/search/?q={product.get_title()}",
        product.get_absolute_url(),
    ]


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def basket_count(html: str) -> int:
    return int(re.search(r'data-basket-count="(\d+)"', html).group(1))


def test_one_users_basket_menu_and_token_never_reach_another(buyer, staff):
    product = buyable_product()
    staff_client, buyer_client = signed_in(staff), signed_in(buyer)
    # Staff fill every fragment first: their dashboard links and forms are theirs alone.
    staff_pages = [staff_client.get(url).content.decode() for url in pages(product)]
    assert all("/dashboard/" in html for html in staff_pages)
    assert f"/dashboard/catalogue/products/{product.pk}/" in staff_pages[2]
    staff_tokens = {t for html in staff_pages for t in TOKEN.findall(html)}

    token = TOKEN.findall(buyer_client.get(product.get_absolute_url()).content.decode())[0]
    added = buyer_client.post(
        f"/shop/basket/add/{product.pk}/", {"quantity": 2, "csrfmiddlewaretoken": token}
    )
    assert added.status_code == 302
    for url in pages(product):
        html = buyer_client.get(url).content.decode()
        assert 'href="/dashboard/' not in html  # staff's menu and edit link
        assert basket_count(html) == 2
        tokens = set(TOKEN.findall(html))
        assert tokens and not tokens & staff_tokens
        assert CSRF_PLACEHOLDER not in html and NONCE_PLACEHOLDER not in html
    # Each form on the buyer's page works with the buyer's token, including the cached cards'.
    html = buyer_client.get(pages(product)[0]).content.decode()
    again = buyer_client.post(
        f"/shop/basket/add/{product.pk}/",
        {"quantity": 1, "csrfmiddlewaretoken": TOKEN.findall(html)[-1]},
    )
    assert again.status_code == 302
    for url in pages(product):
        assert basket_count(staff_client.get(url).content.decode()) == 0


def test_a_wholesale_buyers_link_stays_on_their_own_product_page(buyer):
    from tests import trade

    _, [(_, product)] = trade.sector_with_cooperatives(1)
    org_member = trade.organisation().members.first()
    link = f"/trade/requests/new/?product={product.pk}"
    assert link in signed_in(org_member).get(product.get_absolute_url()).content.decode()
    assert link not in signed_in(buyer).get(product.get_absolute_url()).content.decode()
    assert link in signed_in(org_member).get(product.get_absolute_url()).content.decode()


def test_signed_in_pages_show_a_price_change_at_once(buyer):
    product = buyable_product()
    client = signed_in(buyer)
    for url in pages(product):
        client.get(url)  # fragments cached
    record = StockRecord.objects.filter(product=product).first()
    record.price = Decimal("234567")
    record.save()
    for url in pages(product):
        assert "234.567" in client.get(url).content.decode(), url


def test_signed_in_pages_show_a_stock_change_at_once(buyer):
    product = buyable_product()
    client = signed_in(buyer)
    add = f'action="/shop/basket/add/{product.pk}/"'
    for url in pages(product):
        assert add in client.get(url).content.decode(), url
    for record in StockRecord.objects.filter(product=product):
        record.num_in_stock, record.num_allocated = 0, 0
        record.save()
    for url in pages(product):
        assert add not in client.get(url).content.decode(), url


def test_signed_in_pages_show_a_rating_change_at_once(buyer):
    product = buyable_product()
    client = signed_in(buyer)
    for url in pages(product):
        assert "4★" in rating_shown(client.get(url).content.decode(), product), url
    rating = OcopRating.objects.get(product=product)
    rating.score = 60  # three stars (stars follow the score)
    rating.save()
    assert rating.stars == 3
    for url in pages(product):
        assert "3★" in rating_shown(client.get(url).content.decode(), product), url


def rating_shown(html: str, product) -> str:
    """The product's rating badge: on its card in a listing, or in its page's OCOP section."""
    if 'product-ocop">' in html:
        return html.split('product-ocop">', 1)[1].split("</h2>", 1)[0]
    link = f'href="{product.get_absolute_url()}"'
    card = next(c for c in html.split('<article class="product-card')[1:] if link in c)
    return card.split("</h3>", 1)[0]


def test_a_signed_in_listing_from_cached_fragments_reads_no_product(buyer, coop_a_user):
    url = buyable_product().categories.first().get_absolute_url()
    first = signed_in(buyer).get(url).content.decode()
    other = signed_in(coop_a_user)
    other.get("/shop/")  # their basket is made on their first page
    with CaptureQueriesContext(connection) as context:
        second = other.get(url).content.decode()
    sql = [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]
    read = ('FROM "catalogue_product"', 'FROM "partner_stockrecord"', 'FROM "search_')
    assert not [q for q in sql if any(table in q for table in read)]
    # The user's own: session, user, permissions, notifications, basket and its lines, the
    # legal prompt; the category; the footer's legal pages.
    assert len(sql) <= 16
    strip = re.compile(r'value="[^"]+"')  # the tokens differ, the listing does not
    assert strip.sub("", first.split('id="results"')[1]) == strip.sub(
        "", second.split('id="results"')[1]
    )


def test_a_product_page_from_cached_fragments_is_the_same_page(buyer):
    url = buyable_product().get_absolute_url()
    client = signed_in(buyer)
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    strip = re.compile(r'(value|nonce)="[^"]+"')
    assert strip.sub("", first) == strip.sub("", second)


def test_a_search_from_cached_fragments_still_counts_in_the_query_log(buyer, coop_a_user):
    product = buyable_product()
    url = f"/shop/search/?q={product.get_title()}"
    signed_in(buyer).get(url)
    signed_in(coop_a_user).get(url)
    assert sum(QueryLog.objects.values_list("searches", flat=True)) == 2


def test_the_fragment_cache_can_be_turned_off(buyer, settings):
    settings.OCOP_FRAGMENT_CACHE_SECONDS = 0
    url = buyable_product().categories.first().get_absolute_url()
    client = signed_in(buyer)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    assert [q for q in context.captured_queries if "catalogue_product" in q["sql"]]
