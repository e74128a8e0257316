"""The site search finds CMS pages without diacritics, in the visitor's language, and only live ones."""

from __future__ import annotations

import pytest

from cms.models import EventPage, HonourPage, NewsArticlePage
from cms.search import PageSearchProvider, search_pages

pytestmark = pytest.mark.django_db


def test_it_finds_a_fair_without_diacritics_and_titles_it_in_english():
    event = EventPage.objects.get(slug="hoi-cho-ocop-ha-noi")
    hits = search_pages("hoi cho ha noi", "en")
    assert event.pk in [hit.page.pk for hit in hits]
    hit = next(hit for hit in hits if hit.page.pk == event.pk)
    assert hit.title == event.title_en
    assert hit.url == event.url
    assert hit.kind == "Fair or exhibition"


def test_it_titles_hits_in_vietnamese_for_vietnamese_visitors():
    honour = HonourPage.objects.get(slug="htx-che-tan-cuong")
    hits = search_pages("TÂN CƯƠNG", "vi")
    assert [hit.title for hit in hits if hit.page.pk == honour.pk] == [honour.title]


def test_it_finds_english_words_too():
    article = NewsArticlePage.objects.get(slug="truy-xuat-nguon-goc-bang-ma-qr")
    assert article.pk in [hit.page.pk for hit in search_pages("traceability", "vi")]


def test_it_forgets_an_unpublished_page_and_learns_a_republished_one():
    article = NewsArticlePage.objects.get(slug="thanh-toan-vietqr-tren-san")
    assert article.pk in [hit.page.pk for hit in search_pages("vietqr")]
    article.unpublish()
    assert article.pk not in [hit.page.pk for hit in search_pages("vietqr")]
    article.title = "Thanh toán bằng ví điện tử"
    article.save_revision().publish()
    assert article.pk in [hit.page.pk for hit in search_pages("vi dien tu")]


def test_an_empty_or_punctuation_query_finds_nothing():
    assert search_pages("") == []
    assert search_pages("  !!! ") == []


def test_the_provider_speaks_the_site_search_interface():
    hits = PageSearchProvider().search(["hoi", "cho"], limit=3)
    assert 0 < len(hits) <= 3
    assert all(hit.url and hit.title for hit in hits)
