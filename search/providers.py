"""Search beyond products: producers, CMS pages (cms/search.py), and whatever a later app adds.

A provider is a class with `key`, `label` and `search(words, request, limit) -> list[Hit]`;
the `OCOP_SEARCH_PROVIDERS` setting lists their dotted paths in the order the results
page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalogue.versions import CATALOGUE_VERSION
from lib.cache import hashed_key

from .db import Fold

DEFAULT_PROVIDERS = ["search.providers.ProducerProvider", "cms.search.PageSearchProvider"]
# Hits are cached this long; the catalogue version (bumped when a producer or a CMS page's
# search text changes, among others) is part of the key, so changes show at once.
PROVIDER_CACHE_SECONDS = 300


@dataclass
class Hit:
    title: str
    url: str
    summary: str = ""
    meta: str = ""


class SearchProvider:
    key = ""
    label = ""

    def search(self, words: list[str], request=None, limit: int = 5) -> list[Hit]:
        raise NotImplementedError


def _all_words(fields: list[str], words: list[str]) -> Q:
    """Every word in one of the (folded) fields."""
    match = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"_fold_{name}__contains": word})
        match &= any_field
    return match


class ProducerProvider(SearchProvider):
    """Approved cooperatives whose name, short name or province matches."""

    key = "producers"
    label = _("Cooperatives")

    def search(self, words, request=None, limit=5):
        from producers.models import Producer

        fields = ["name", "short_name"]
        queryset = Producer.objects.approved().annotate(
            **{f"_fold_{name}": Fold(name) for name in fields}
        )
        hits = []
        for producer in queryset.filter(_all_words(fields, words)).order_by("name")[:limit]:
            province = producer.province
            hits.append(
                Hit(
                    title=producer.short_name or producer.name,
                    url=producer.get_absolute_url(),
                    summary=producer.name,
                    meta=province.name if province else "",
                )
            )
        return hits


class Providers:
    def __init__(self, paths: list[str]):
        self.paths = paths

    @cached_property
    def providers(self) -> list[SearchProvider]:
        return [import_string(path)() for path in self.paths]

    def search(
        self, words: list[str], request=None, limit: int = 5
    ) -> list[tuple[SearchProvider, list[Hit]]]:
        """Each provider's hits, cached per query and language until the content changes."""
        if not words:
            return []

        key = hashed_key(
            "ocop:search-others",
            *self.paths,
            " ".join(words),
            limit,
            get_language() or "",
            CATALOGUE_VERSION.current(),
        )
        found = cache.get(key)
        if found is None:
            found = [
                (index, hits)
                for index, provider in enumerate(self.providers)
                if (hits := provider.search(words, request=request, limit=limit))
            ]
            cache.set(key, found, PROVIDER_CACHE_SECONDS)
        return [(self.providers[index], hits) for index, hits in found]


def get_providers() -> Providers:
    return Providers(getattr(settings, "OCOP_SEARCH_PROVIDERS", DEFAULT_PROVIDERS))
