"""Which products a listing shows and in what order: the facet choices in the URL, and sorting.

`parse_filters` reads a visitor's choices from the query string (dropping anything unknown),
`apply_filters` narrows a queryset by them, and `sort_products` orders a listing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.models import certified_rating_q
from catalogue.rating_rules import current_rules
from regions import units

from .ranking import order_by_relevance

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("price-asc", _("Price: low to high")),
    ("price-desc", _("Price: high to low")),
    ("rating", _("OCOP rating")),
    ("title-asc", _("Name: A to Z")),
]
SORT_KEYS = {key for key, _label in SORT_CHOICES}

# Price bands in đồng: (key, lowest, below). Keys are what the URL carries.
PRICE_BANDS = [
    ("0-100000", 0, 100_000),
    ("100000-200000", 100_000, 200_000),
    ("200000-500000", 200_000, 500_000),
    ("500000-1000000", 500_000, 1_000_000),
    ("1000000-", 1_000_000, None),
]
PRICE_KEYS = {key for key, _lo, _hi in PRICE_BANDS}
FACET_PARAMS = ("category", "province", "stars", "certified", "producer", "price")


def browsable_products() -> QuerySet:
    """Public products with what a product card renders, fetched in a fixed number of queries."""
    return Product.objects.browsable().for_cards()


@dataclass
class Filters:
    """The facet values a visitor picked; anything unknown in the URL is dropped, never an error."""

    categories: list = field(default_factory=list)  # Category objects
    provinces: list[str] = field(default_factory=list)
    stars: list[int] = field(default_factory=list)
    certified: bool = False
    producers: list[int] = field(default_factory=list)
    prices: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(
            self.categories
            or self.provinces
            or self.stars
            or self.certified
            or self.producers
            or self.prices
        )


def _ints(values: list[str], bound: int = 2**31 - 1) -> list[int]:
    out = []
    for value in values:
        if value.isdigit() and 0 < int(value) < bound and int(value) not in out:
            out.append(int(value))
    return out


def parse_filters(params: QueryDict, category_choices: list | None = None) -> Filters:
    """Read facet choices from the query string; `category_choices` are the categories offered."""
    by_code = {c.code: c for c in category_choices or []}
    rules = current_rules()
    return Filters(
        categories=[by_code[c] for c in dict.fromkeys(params.getlist("category")) if c in by_code],
        provinces=[
            p
            for p in dict.fromkeys(params.getlist("province"))
            if units.province(p[:2]) and len(p) == 2
        ],
        stars=[s for s in _ints(params.getlist("stars"), 6) if rules.is_certifiable(s)],
        certified=params.get("certified") in ("1", "on", "true"),
        producers=_ints(params.getlist("producer")),
        prices=[p for p in dict.fromkeys(params.getlist("price")) if p in PRICE_KEYS],
    )


def _in_categories(categories) -> Q:
    match = Q()
    for category in categories:
        match |= Q(category__path__startswith=category.path)
    return Q(pk__in=ProductCategory.objects.filter(match).values("product_id"))


def _price_q(keys: list[str]) -> Q:
    match = Q()
    for key, lowest, below in PRICE_BANDS:
        if key in keys:
            band = Q(price__gte=lowest)
            if below is not None:
                band &= Q(price__lt=below)
            match |= band
    return Q(pk__in=StockRecord.objects.filter(match).values("product_id"))


def apply_filters(
    queryset: QuerySet, filters: Filters, skip: str = "", on: datetime.date | None = None
) -> QuerySet:
    """Narrow by every chosen facet but `skip`, so a facet's own counts ignore its own choice."""
    if filters.categories and skip != "category":
        queryset = queryset.filter(_in_categories(filters.categories))
    if filters.provinces and skip != "province":
        queryset = queryset.filter(origin_province_code__in=filters.provinces)
    if filters.stars and skip != "stars":
        queryset = queryset.filter(
            certified_rating_q(on, "ocop_rating__"), ocop_rating__stars__in=filters.stars
        )
    if filters.certified and skip not in ("certified", "stars"):
        queryset = queryset.filter(certified_rating_q(on, "ocop_rating__"))
    if filters.producers and skip != "producer":
        queryset = queryset.filter(producer_id__in=filters.producers)
    if filters.prices and skip != "price":
        queryset = queryset.filter(_price_q(filters.prices))
    return queryset


def in_category(category) -> Q:
    """Products in a category or any category below it, without a DISTINCT over the join."""
    return Q(
        pk__in=ProductCategory.objects.filter(category__path__startswith=category.path).values(
            "product_id"
        )
    )


def sort_products(queryset: QuerySet, sort: str, searching: bool) -> QuerySet:
    if sort == "newest":
        return queryset.order_by("-date_created", "-pk")
    if sort in ("price-asc", "price-desc"):
        price = (
            StockRecord.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1]
        )
        queryset = queryset.annotate(min_price=Subquery(price))
        if sort == "price-asc":
            return queryset.order_by("min_price", "pk")
        return queryset.order_by("-min_price", "pk")
    if sort == "rating":
        certified = Case(
            When(certified_rating_q(None, "ocop_rating__"), then="ocop_rating__stars"),
            default=Value(0),
            output_field=IntegerField(),
        )
        return queryset.annotate(ocop_sort=certified).order_by(
            "-ocop_sort", "-ocop_rating__score", "-pk"
        )
    if sort == "title-asc":
        return queryset.order_by("search_title", "pk")
    if searching:
        return order_by_relevance(queryset)
    return queryset.order_by("-priority", "-date_created", "-pk")
