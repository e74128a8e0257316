"""Browsing the catalogue: OCOP badges on cards, facets that combine, sorting, pages, product page."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.services import expiring_ratings
from tests.factories import CategoryFactory, bulk_products

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
OcopRating = get_model("catalogue", "OcopRating")

pytestmark = pytest.mark.django_db


def every_result(response) -> list:
    """All the products a listing matched, in its order (the paginator pages through ids)."""
    ids = list(response.context["paginator"].object_list)
    products = Product.objects.in_bulk(ids)
    return [products[pk] for pk in ids]


MAX_QUERIES = 15


def cards(html: str) -> list[str]:
    return html.split('<article class="product-card')[1:]


def test_every_product_card_shows_the_producer_and_province(client):
    html = client.get("/shop/catalogue/").content.decode()
    assert cards(html)
    for card in cards(html):
        assert 'class="product-card__producer"' in card
        assert 'class="product-card__province"' in card


def test_certified_products_carry_the_ocop_badge_with_their_stars(client):
    rating = OcopRating.objects.filter(stars=5).select_related("product").first()
    assert rating.is_certified()
    html = client.get("/shop/catalogue/", {"q": rating.product.title}).content.decode()
    card = next(c for c in cards(html) if rating.product.title in c)
    assert "ocop-badge--certified" in card and "5★" in card


def expired_product():
    return next(r for r in OcopRating.objects.select_related("product") if r.expired).product


def test_an_expired_certificate_is_shown_as_expired_and_drops_out_of_the_certified_filter(client):
    product = expired_product()
    html = client.get("/shop/search/", {"q": product.title}).content.decode()
    card = next(c for c in cards(html) if product.title in c)
    assert "ocop-badge--expired" in card and "ocop-badge--certified" not in card
    certified = client.get("/shop/search/", {"q": product.title, "certified": "1"})
    assert product.pk not in [p.pk for p in every_result(certified)]
    page = client.get(product.get_absolute_url()).content.decode()
    assert "ocop-rating--expired" in page


def facet(response, key):
    return {v.value: v for f in response.context["facets"] if f.key == key for v in f.values}


def test_facets_count_and_combine(client):
    response = client.get("/shop/catalogue/")
    provinces = facet(response, "province")
    code, value = max(provinces.items(), key=lambda item: item[1].count)
    expected = Product.objects.browsable().filter(origin_province_code=code).count()
    assert value.count == expected

    by_province = client.get("/shop/catalogue/", {"province": code})
    assert by_province.context["paginator"].count == expected
    stars = facet(by_province, "stars")
    star, star_value = next(iter(stars.items()))
    both = client.get("/shop/catalogue/", {"province": code, "stars": star})
    assert both.context["paginator"].count == star_value.count
    for product in every_result(both):
        assert product.origin_province_code == code
        assert product.ocop_rating.stars == int(star) and product.ocop_rating.is_certified()
    # the province facet still offers the other provinces while one is chosen
    assert len(facet(by_province, "province")) == len(provinces)


def test_price_and_producer_facets_filter_the_list(client):
    response = client.get("/shop/catalogue/", {"price": "0-100000"})
    prices = [p.stockrecords.all()[0].price for p in every_result(response)]
    assert prices and all(price < 100_000 for price in prices)
    producers = facet(client.get("/shop/catalogue/"), "producer")
    pk, value = next(iter(producers.items()))
    listed = client.get("/shop/catalogue/", {"producer": pk})
    assert listed.context["paginator"].count == value.count
    assert {p.producer_id for p in every_result(listed)} == {int(pk)}


def test_the_sector_facet_narrows_browse_and_the_category_page_offers_its_groups(client):
    response = client.get("/shop/catalogue/", {"category": "2"})
    sector = Category.objects.get(code="2")
    expected = (
        Product.objects.browsable()
        .filter(categories__path__startswith=sector.path)
        .distinct()
        .count()
    )
    assert response.context["paginator"].count == expected
    page = client.get(sector.get_absolute_url())
    assert {v.value for v in facet(page, "category").values()} <= {
        c.code for c in sector.get_children()
    }


@pytest.mark.parametrize("code", ["1.1", "1.1.1"])
def test_group_and_sub_group_pages_list_their_products(client, code):
    category = Category.objects.get(code=code)
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    listed = list(every_result(response))
    assert listed
    assert all(p.categories.filter(path__startswith=category.path).exists() for p in listed)


def test_sorting_by_price_and_by_rating(client):
    low = client.get("/shop/catalogue/", {"sort_by": "price-asc"}).context["products"]
    prices = [p.stockrecords.all()[0].price for p in low]
    assert prices == sorted(prices)
    high = client.get("/shop/catalogue/", {"sort_by": "price-desc"}).context["products"]
    assert high[0].stockrecords.all()[0].price >= prices[-1]
    rated = client.get("/shop/catalogue/", {"sort_by": "rating"}).context["products"]
    assert rated[0].ocop_rating.stars == 5 and rated[0].ocop_rating.is_certified()
    newest = list(client.get("/shop/catalogue/", {"sort_by": "newest"}).context["products"])
    assert newest[0].date_created >= newest[-1].date_created


@pytest.mark.parametrize(
    "params",
    [
        {"province": "99"},
        {"stars": "7"},
        {"stars": "abc"},
        {"producer": "999999999"},
        {"producer": "-3"},
        {"price": "free"},
        {"category": "no-such"},
        {"sort_by": "'; DROP TABLE x"},
        {"certified": "<b>"},
    ],
)
def test_unknown_facet_values_give_a_normal_page(client, params):
    response = client.get("/shop/catalogue/", params)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["-1", "0", "999999", "abc", "1e9"])
def test_out_of_range_pages_are_404_not_500(client, page):
    assert client.get("/shop/catalogue/", {"page": page}).status_code == 404


def test_the_second_page_lists_the_next_products(client):
    first = [p.pk for p in client.get("/shop/catalogue/").context["products"]]
    second = [p.pk for p in client.get("/shop/catalogue/", {"page": 2}).context["products"]]
    assert second and not set(first) & set(second)


def test_the_product_page_shows_rating_certificate_producer_origin_and_attributes(client):
    rating = next(
        r
        for r in OcopRating.objects.filter(stars=4).select_related("product__producer")
        if r.is_certified()
    )
    product = rating.product
    html = client.get(product.get_absolute_url()).content.decode()
    for text in [
        rating.certificate_number,
        rating.decision_number,
        "ocop-rating--certified",
        f"{rating.score}/100",
        product.producer.name,
        product.origin_province.name,
        product.upc,
        'class="producer-card"',
    ]:
        assert text in html, text
    assert product.unit in html


def test_the_product_page_lists_related_products_from_its_category(client):
    product = Product.objects.filter(categories__code="1.6.1").first()
    response = client.get(product.get_absolute_url())
    related = response.context["related_products"]
    assert related and product not in related


def count_queries(client, url, params=None) -> tuple[int, object]:
    client.get(
        url, params
    )  # warm the caches a running site has warm: thumbnails, the category tree
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_category_search_and_product_pages_run_a_constant_number_of_queries(
    client, django_assert_max_num_queries, settings
):
    # Count what rendering a page costs, not a cache hit (tests/functional/test_page_cache.py).
    settings.OCOP_FACET_CACHE_SECONDS = 0
    settings.OCOP_PAGE_CACHE_SECONDS = 0
    settings.OCOP_FRAGMENT_CACHE_SECONDS = 0
    category = CategoryFactory(name="Trà thảo mộc thử nghiệm")
    products = bulk_products(20, category)
    small = {
        "category": count_queries(client, category.get_absolute_url())[0],
        "search": count_queries(client, "/shop/search/", {"q": "tra kombucha"})[0],
        "product": count_queries(client, products[3].get_absolute_url())[0],
    }
    bulk_products(480, category, start=20)
    large = {
        "category": count_queries(client, category.get_absolute_url()),
        "search": count_queries(client, "/shop/search/", {"q": "tra kombucha"}),
        "product": count_queries(client, products[3].get_absolute_url()),
    }
    assert large["category"][1].context["paginator"].count == 500
    assert large["search"][1].context["paginator"].count == 500
    assert {page: n for page, (n, _response) in large.items()} == small
    assert max(small.values()) <= MAX_QUERIES, small
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(
            category.get_absolute_url(),
            {"stars": "4", "province": products[0].origin_province_code},
        )


def test_staff_see_every_certificate_expiring_soon(staff_client):
    response = staff_client.get("/dashboard/ocop/expiring/")
    assert response.status_code == 200
    assert len(response.context["ratings"]) == expiring_ratings().count() > 0


def test_a_cooperative_sees_only_its_own_expiring_certificates(coop_a_client, coop_a_user):
    response = coop_a_client.get("/dashboard/ocop/expiring/")
    assert response.status_code == 200
    partners = set(coop_a_user.partners.values_list("pk", flat=True))
    for rating in response.context["ratings"]:
        assert set(rating.product.stockrecords.values_list("partner_id", flat=True)) <= partners


def test_a_cooperative_does_not_see_another_cooperatives_certificate(coop_a_client, coop_b_user):
    theirs = OcopRating.objects.filter(product__stockrecords__partner__users=coop_b_user).first()
    theirs.expires_on = timezone.localdate() + datetime.timedelta(days=5)
    theirs.save()
    assert theirs in expiring_ratings()
    response = coop_a_client.get("/dashboard/ocop/expiring/")
    assert theirs not in response.context["ratings"]


def test_buyers_and_visitors_cannot_see_the_expiry_list(buyer_client, client):
    assert buyer_client.get("/dashboard/ocop/expiring/").status_code == 403
    response = client.get("/dashboard/ocop/expiring/")
    assert response.status_code == 302 and "login" in response["Location"]
