"""News: categories and tags filter the index, feeds list the articles, English falls back to Vietnamese."""

from __future__ import annotations

import pytest
from django.conf import settings

from cms.models import NewsArticlePage, NewsCategory, NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return NewsIndexPage.objects.get(slug="tin-tuc")


def test_a_category_keeps_only_its_articles(client, index):
    category = NewsCategory.objects.get(slug="markets")
    inside = NewsArticlePage.objects.filter(categories=category)
    outside = NewsArticlePage.objects.live().exclude(categories=category)
    html = client.get(index.url + "?category=markets").content.decode()
    assert inside.exists() and outside.exists()
    assert all(article.title in html for article in inside)
    assert not any(article.title in html for article in outside)


def test_a_tag_keeps_only_its_articles_and_an_unknown_tag_shows_all(client, index):
    html = client.get(index.url + "?tag=qr").content.decode()
    assert "Truy xuất nguồn gốc bằng mã QR" in html
    assert "Hội chợ OCOP" not in html
    html = client.get(index.url + "?tag=khong-co&page=abc").content.decode()
    assert html.count('class="news-list__item') == NewsArticlePage.objects.live().count()


def test_the_rss_and_atom_feeds_list_the_articles_with_their_links(client, index):
    article = NewsArticlePage.objects.live().order_by("-date").first()
    rss = client.get(index.url + "feed/rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert article.title in rss.content.decode()
    assert article.slug in rss.content.decode()
    atom = client.get(index.url + "feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert article.title_en in client.get(index.url + "feed/rss/").content.decode()


def test_an_article_without_english_shows_its_vietnamese_text_to_english_visitors(client, index):
    article = NewsArticlePage.objects.get(slug="thanh-toan-vietqr-tren-san")
    article.title_en = ""
    article.summary_en = ""
    article.save_revision().publish()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(article.url).content.decode()
    assert '<html lang="en"' in html
    assert article.title in html and article.summary in html


def test_an_article_shows_its_author_date_tags_and_related_products(client):
    article = NewsArticlePage.objects.get(slug="truy-xuat-nguon-goc-bang-ma-qr")
    html = client.get(article.url).content.decode()
    assert article.author in html
    assert "?tag=qr" in html
    related = article.get_related_products()
    assert related
    assert all(product.get_absolute_url() in html for product in related)
