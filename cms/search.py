"""Site search over CMS pages, without diacritics: "hoi cho" finds "Hội chợ".

The shop's search (search/) calls ``search_pages(query, language)`` and shows the hits beside
products. Each live page keeps a folded copy of its words (both languages) in
``PageSearchText``, refreshed when it is published and dropped when it is unpublished.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Q, Value, When
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from lib.text import fold
from search.text import terms

from .models import BasePage, PageSearchText


@dataclass(frozen=True)
class PageHit:
    page: Page
    title: str
    summary: str
    url: str
    kind: str  # the page type's name, e.g. "News article", in the requested language


def index_page(page: Page) -> None:
    """Store (or drop) the folded words of one page."""
    page = page.specific
    if not isinstance(page, BasePage) or not page.live:
        PageSearchText.objects.filter(page_id=page.pk).delete()
        return
    PageSearchText.objects.update_or_create(
        page_id=page.pk,
        defaults={"title": fold(f"{page.title} {page.title_en}"), "body": fold(page.search_text())},
    )


def unindex_page(page: Page) -> None:
    PageSearchText.objects.filter(page_id=page.pk).delete()


def reindex() -> int:
    """Rebuild the search text of every live CMS page; returns how many were indexed."""
    count = 0
    PageSearchText.objects.exclude(page__live=True).delete()
    for page in Page.objects.live().specific().iterator():
        if isinstance(page, BasePage):
            index_page(page)
            count += 1
    return count


def _summary(page: Page) -> str:
    for name in ("tr_summary", "tr_intro", "tr_citation", "tr_description"):
        value = getattr(page, name, "")
        if value:
            return Truncator(strip_tags(str(value))).words(30)
    return page.search_description


def search_pages(query: str | None, language: str | None = None, limit: int = 20) -> list[PageHit]:
    """Live, public CMS pages matching every word of `query`, title matches first.

    Titles, summaries and page-type names come in `language` ("vi" or "en"; the active
    language when None), falling back to Vietnamese where a page has no English text.
    """
    words = terms(query)
    if not words:
        return []
    rows = PageSearchText.objects.filter(page__live=True)
    for word in words:
        rows = rows.filter(Q(title__contains=word) | Q(body__contains=word))
    relevance = sum(
        (Case(When(title__contains=word, then=Value(1)), default=Value(0)) for word in words),
        Value(0),
    )
    ids = list(
        rows.annotate(relevance=relevance)
        .order_by("-relevance", "-page__first_published_at", "page_id")
        .values_list("page_id", flat=True)[:limit]
    )
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).public().specific()}
    with translation.override(language or translation.get_language() or "vi"):
        return [
            PageHit(
                page=page,
                title=str(page.tr_title),
                summary=_summary(page),
                url=page.url,
                kind=str(page._meta.verbose_name),
            )
            for page in (pages.get(pk) for pk in ids)
            if page is not None
        ]


class PageSearchProvider:
    """The CMS's pages as a provider for the site search (``OCOP_SEARCH_PROVIDERS``)."""

    key = "pages"
    label = gettext_lazy("News and pages")

    def search(self, words: list[str], request=None, limit: int = 5) -> list:
        from search.providers import Hit

        return [
            Hit(title=hit.title, url=hit.url, summary=hit.summary, meta=hit.kind)
            for hit in search_pages(" ".join(words), limit=limit)
        ]
