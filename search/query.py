"""Product listing and search straight from the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from django.db.models import Case, Min, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .text import terms

Product = get_model("catalogue", "Product")

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("price-asc", _("Price: low to high")),
    ("price-desc", _("Price: high to low")),
    ("title-asc", _("Name: A to Z")),
]
SORT_KEYS = {key for key, _label in SORT_CHOICES}


def browsable_products() -> QuerySet:
    """Public products with what a product card renders, fetched in a fixed number of queries."""
    return Product.objects.browsable().base_queryset().prefetch_related("images")


def search_products(queryset: QuerySet, query: str | None) -> QuerySet:
    """Keep products matching every word of `query`, ranking title matches above text matches."""
    words = terms(query)
    if not words:
        return queryset
    for word in words:
        queryset = queryset.filter(Q(search_title__contains=word) | Q(search_body__contains=word))
    title_hits = sum(
        (
            Case(When(search_title__contains=word, then=Value(1)), default=Value(0))
            for word in words
        ),
        Value(0),
    )
    return queryset.annotate(relevance=title_hits)


def sort_products(queryset: QuerySet, sort: str, searching: bool) -> QuerySet:
    if sort == "newest":
        return queryset.order_by("-date_created", "-pk")
    if sort in ("price-asc", "price-desc"):
        queryset = queryset.annotate(min_price=Min("stockrecords__price"))
        if sort == "price-asc":
            return queryset.order_by("min_price", "pk")
        return queryset.order_by("-min_price", "pk")
    if sort == "title-asc":
        return queryset.order_by("search_title", "pk")
    if searching:
        return queryset.order_by("-relevance", "search_title", "pk")
    return queryset.order_by("-priority", "-date_created", "-pk")


