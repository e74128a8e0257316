"""Every top-level page of the demo site answers in Vietnamese and in English with real content."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.http import HttpRequest  # django-axes needs the request to sign in
from oscar.core.loading import get_model

from cms.models import NewsArticlePage
from tests.personas import STAFF

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

VND_VI = re.compile(r"\d{1,3}(?:\.\d{3})+\xa0₫")
VND_EN = re.compile(r"₫\d{1,3}(?:,\d{3})+")
# A word of the shared header in each language: proof the page was translated.
HEADER_WORD = {"vi": "Giỏ hàng", "en": "Cart"}

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["vi", "en"])
def language(request, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    return request.param


@pytest.fixture
def product():
    return Product.objects.filter(stockrecords__num_in_stock__gt=0).order_by("pk").first()


def get_ok(client, url, language, word=None):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert (word or HEADER_WORD)[language] in html
    return html


def assert_priced(html, language):
    assert (VND_VI if language == "vi" else VND_EN).search(html), "no VND price in the page"


def test_home_page_shows_featured_products_and_news(client, language):
    html = get_ok(client, "/", language)
    assert 'class="product-card' in html
    assert NewsArticlePage.objects.live().order_by("-date").first().title in html
    assert_priced(html, language)


def test_shop_lists_products_from_the_database(client, language, product):
    html = get_ok(client, "/shop/", language)
    assert html.count('<article class="product-card') == settings.OSCAR_PRODUCTS_PER_PAGE
    assert_priced(html, language)


@pytest.mark.parametrize("code", ["1", "2", "3", "4", "5", "6"])
def test_every_sector_page_lists_its_products(client, language, code):
    sector = Category.objects.get(code=code)
    product = Product.objects.filter(categories__in=sector.get_descendants_and_self()).first()
    html = get_ok(client, sector.get_absolute_url(), language)
    assert product.get_title() in html or product.title in html
    assert (sector.name_en if language == "en" else sector.name) in html


def test_product_page_shows_image_and_price(client, language, product):
    html = get_ok(client, product.get_absolute_url(), language)
    title = product.title_en if language == "en" else product.title
    assert title in html
    assert (
        product.primary_image().original.url.rsplit("/", 1)[-1].split(".")[0] in html
        or "/media/" in html
    )
    assert_priced(html, language)


def test_basket_page_answers(client, language):
    get_ok(client, "/shop/basket/", language)


def test_search_finds_products_without_diacritics(client, language):
    html = get_ok(client, "/shop/search/?q=ca+phe", language)
    assert re.search(r"Cà phê|coffee", html, re.IGNORECASE)
    assert_priced(html, language)


def test_login_page_answers(client, language):
    html = get_ok(client, "/shop/accounts/login/", language)
    assert 'name="login-username"' in html


def test_dashboard_index_for_staff(client, language):
    assert client.login(request=HttpRequest(), username=STAFF["email"], password=STAFF["password"])
    html = get_ok(client, "/dashboard/", language, word={"vi": "Trang quản trị", "en": "Dashboard"})
    assert ("Tổng số sản phẩm" if language == "vi" else "Total Products") in html


def test_cms_admin_index_for_staff(client, language):
    assert client.login(request=HttpRequest(), username=STAFF["email"], password=STAFF["password"])
    response = client.get("/cms/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_news_article_page(client, language):
    article = NewsArticlePage.objects.live().first()
    html = get_ok(client, article.url, language)
    assert article.title in html


def test_unknown_url_gives_styled_404_in_visitors_language(client, language):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert HEADER_WORD[language] in html
    assert ("Không tìm thấy trang" if language == "vi" else "Page not found") in html
