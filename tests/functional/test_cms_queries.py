"""The home page and the news index cost the same number of queries with 6 or 60 articles and products."""

from __future__ import annotations

import datetime

import pytest
from oscar.core.loading import get_model

from cms.models import HomeFeaturedProduct, HomePage, NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def add_articles(index: NewsIndexPage, count: int) -> None:
    image = NewsArticlePage.objects.exclude(image=None).first().image
    for n in range(count):
        article = NewsArticlePage(
            title=f"Bài thử {n}",
            slug=f"bai-thu-{n}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            summary="Tóm tắt",
            image=image,
        )
        index.add_child(instance=article)
        article.save_revision().publish()


def feature_products(home: HomePage, count: int) -> None:
    products = Product.objects.browsable().order_by("pk")[:count]
    home.featured_count = count
    home.featured_products = [HomeFeaturedProduct(product=p) for p in products]
    home.save_revision().publish()


def count_queries(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # warm: thumbnails and renditions are made once, then cached
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("articles,featured", [(6, 6), (60, 60)])
def test_the_home_page_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, articles, featured
):
    home = HomePage.objects.get(depth=2)
    index = NewsIndexPage.objects.child_of(home).first()
    add_articles(index, articles)
    feature_products(home, featured)
    html = client.get("/").content.decode()
    assert html.count('<article class="product-card') == featured
    count_queries(client, "/", django_assert_max_num_queries, 45)


def test_the_home_page_costs_the_same_for_6_and_60(client, django_assert_max_num_queries):
    home = HomePage.objects.get(depth=2)
    index = NewsIndexPage.objects.child_of(home).first()
    feature_products(home, 6)
    small = count_queries(client, "/", django_assert_max_num_queries, 45)
    add_articles(index, 54)
    feature_products(home, 60)
    large = count_queries(client, "/", django_assert_max_num_queries, 45)
    assert large == small


def test_the_news_index_costs_the_same_for_6_and_60_articles(client, django_assert_max_num_queries):
    index = NewsIndexPage.objects.first()
    small = count_queries(client, index.url, django_assert_max_num_queries, 30)
    add_articles(index, 54)
    large = count_queries(client, index.url, django_assert_max_num_queries, 30)
    assert large == small
    assert count_queries(client, index.url + "?page=4", django_assert_max_num_queries, 30) == small
