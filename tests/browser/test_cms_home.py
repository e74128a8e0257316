"""A visitor in a real browser: from the home page to a featured product, and from a news article to its product."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cms.models import NewsArticlePage

pytestmark = pytest.mark.browser


def test_visitor_follows_a_featured_product_from_the_home_page_to_the_shop(page, committed_db):
    page.goto("/")
    featured = page.locator(".featured-products .product-card__title a").first
    title = featured.inner_text()
    featured.click()
    page.wait_for_load_state()
    assert "/shop/catalogue/" in page.url
    expect(page.locator("h1")).to_contain_text(title)


@pytest.fixture
def article(committed_db):
    # No wrapping transaction: on SQLite it would lock out the live server's writes.
    return NewsArticlePage.objects.get(slug="truy-xuat-nguon-goc-bang-ma-qr")


def test_the_demo_article_is_on_the_home_page_with_related_products(db, client):
    article = NewsArticlePage.objects.get(slug="truy-xuat-nguon-goc-bang-ma-qr")
    assert article.get_related_products()
    assert article.url in client.get("/").content.decode()


def test_visitor_reads_a_news_article_and_opens_its_related_product(page, article):
    url = article.url
    page.goto("/")
    page.locator(".latest-news a", has_text=article.title[:20]).first.click()
    assert page.url.endswith(url)
    related = page.locator(".related-products .product-card__title a").first
    title = related.inner_text()
    related.click()
    page.wait_for_load_state()
    assert "/shop/catalogue/" in page.url
    expect(page.locator("h1")).to_contain_text(title)
