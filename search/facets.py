"""Facets: counts per category, province, producer, OCOP stars and price band for a listing.

Each facet's counts take the visitor's other choices into account (`apply_filters` with the
facet itself skipped). `cached_facets` keeps them until the catalogue changes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.models import certified_rating_q, today
from catalogue.rating_rules import current_rules
from catalogue.versions import CATALOGUE_VERSION
from lib.cache import hashed_key
from regions import units

from .filters import PRICE_BANDS, Filters, apply_filters
from .query import TextQuery

ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

MAX_FACET_VALUES = 20
CATEGORY_STEPLEN = 4  # treebeard's materialised path: four characters per level


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue]
    multiple: bool = True

    @property
    def any_selected(self) -> bool:
        return any(v.selected for v in self.values)


def _ids(queryset: QuerySet) -> QuerySet:
    return queryset.order_by().values("pk")


def facet_categories(base: QuerySet, filters: Filters, choices: list) -> Facet:
    """Counts per offered category (sectors, or the children of the category being browsed)."""
    counts: dict[str, int] = {}
    if choices:
        depth = choices[0].depth
        rows = (
            ProductCategory.objects.filter(
                product__in=_ids(apply_filters(base, filters, skip="category")),
                category__depth__gte=depth,
                category__path__startswith=choices[0].path[: (depth - 1) * CATEGORY_STEPLEN],
            )
            .annotate(prefix=Substr("category__path", 1, depth * CATEGORY_STEPLEN))
            .values("prefix")
            .annotate(n=Count("product_id", distinct=True))
            .order_by()
        )
        counts = {row["prefix"]: row["n"] for row in rows}
    chosen = {c.pk for c in filters.categories}
    values = [
        FacetValue(c.code or str(c.pk), c.get_name(), counts.get(c.path, 0), c.pk in chosen)
        for c in choices
    ]
    return Facet("category", _("Category"), [v for v in values if v.count or v.selected])


def _province_facet(counts: dict[str, int], filters: Filters) -> Facet:
    values = []
    for code, n in counts.items():
        province = units.province(code) if code else None
        if province:
            values.append(FacetValue(code, province.short_name, n, code in filters.provinces))
    values.sort(key=lambda v: (-v.count, v.label))
    return Facet("province", _("Province"), values)


def _producer_facet(rows: dict[int, tuple[str, int]], filters: Filters) -> Facet:
    top = sorted(rows.items(), key=lambda item: (-item[1][1], item[1][0]))[:MAX_FACET_VALUES]
    values = [FacetValue(str(pk), label, n, pk in filters.producers) for pk, (label, n) in top]
    return Facet("producer", _("Producer"), values)


def _origin_rows(queryset: QuerySet) -> list[dict]:
    return list(
        queryset.order_by()
        .values("origin_province_code", "producer_id", "producer__short_name", "producer__name")
        .annotate(n=Count("pk"))
    )


def facet_origin(base: QuerySet, filters: Filters) -> tuple[Facet, Facet, int | None]:
    """Province and producer facets; with neither chosen, one grouped query serves both and the total."""

    def provinces(rows):
        counts: dict[str, int] = {}
        for row in rows:
            code = row["origin_province_code"]
            counts[code] = counts.get(code, 0) + row["n"]
        return counts

    def producers(rows):
        counts: dict[int, tuple[str, int]] = {}
        for row in rows:
            if row["producer_id"] is None:
                continue
            label = row["producer__short_name"] or row["producer__name"]
            _label, n = counts.get(row["producer_id"], (label, 0))
            counts[row["producer_id"]] = (label, n + row["n"])
        return counts

    if not filters.provinces and not filters.producers:
        rows = _origin_rows(apply_filters(base, filters))
        total = sum(row["n"] for row in rows)
        return (
            _province_facet(provinces(rows), filters),
            _producer_facet(producers(rows), filters),
            total,
        )
    province_rows = _origin_rows(apply_filters(base, filters, skip="province"))
    producer_rows = _origin_rows(apply_filters(base, filters, skip="producer"))
    return (
        _province_facet(provinces(province_rows), filters),
        _producer_facet(producers(producer_rows), filters),
        None,
    )


def facet_stars(
    base: QuerySet, filters: Filters, on: datetime.date | None = None
) -> tuple[Facet, Facet]:
    """Certified products by stars, and the "OCOP certified only" switch, from one query."""
    rows = (
        apply_filters(base, filters, skip="stars")
        .filter(certified_rating_q(on, "ocop_rating__"))
        .order_by()
        .values("ocop_rating__stars")
        .annotate(n=Count("pk"))
    )
    counts = {row["ocop_rating__stars"]: row["n"] for row in rows}
    rules = current_rules()
    stars = Facet(
        "stars",
        _("OCOP stars"),
        [
            FacetValue(str(s), str(s), counts.get(s, 0), s in filters.stars)
            for s in sorted(rules.certifiable_stars, reverse=True)
            if counts.get(s) or s in filters.stars
        ],
    )
    certified_count = sum(n for s, n in counts.items() if not filters.stars or s in filters.stars)
    certified = Facet(
        "certified",
        _("OCOP certified"),
        [FacetValue("1", _("OCOP certified only"), certified_count, filters.certified)],
        multiple=False,
    )
    return stars, certified


def _price_label(lowest: int, below: int | None):
    from oscar.templatetags.currency_filters import currency

    if below is None:
        return _("From %(low)s") % {"low": currency(Decimal(lowest), "VND")}
    if lowest == 0:
        return _("Under %(high)s") % {"high": currency(Decimal(below), "VND")}
    return f"{currency(Decimal(lowest), 'VND')} – {currency(Decimal(below), 'VND')}"


def facet_prices(base: QuerySet, filters: Filters) -> Facet:
    aggregates = {}
    for index, (_key, lowest, below) in enumerate(PRICE_BANDS):
        band = Q(price__gte=lowest)
        if below is not None:
            band &= Q(price__lt=below)
        aggregates[f"b{index}"] = Count("product_id", filter=band, distinct=True)
    counts = StockRecord.objects.filter(
        product__in=_ids(apply_filters(base, filters, skip="price"))
    ).aggregate(**aggregates)
    values = [
        FacetValue(key, _price_label(lowest, below), counts[f"b{i}"] or 0, key in filters.prices)
        for i, (key, lowest, below) in enumerate(PRICE_BANDS)
    ]
    return Facet("price", _("Price"), [v for v in values if v.count or v.selected])


def facet_cache_key(scope: str, filters: Filters, text: TextQuery) -> str:
    return hashed_key(
        "ocop:facets",
        scope,
        get_language() or "",
        ",".join(sorted(c.code for c in filters.categories)),
        ",".join(sorted(filters.provinces)),
        ",".join(str(s) for s in sorted(filters.stars)),
        int(filters.certified),
        ",".join(str(p) for p in sorted(filters.producers)),
        ",".join(sorted(filters.prices)),
        " ".join(text.words),
        CATALOGUE_VERSION.current(),
        today(),
    )


def cached_facets(
    scope: str, base: QuerySet, filters: Filters, text: TextQuery, category_choices: list
) -> tuple[list[Facet], int | None]:
    """`build_facets`, cached for `OCOP_FACET_CACHE_SECONDS` (0: never) until the catalogue changes."""
    seconds = getattr(settings, "OCOP_FACET_CACHE_SECONDS", 300)
    if not seconds:
        return build_facets(base, filters, category_choices)
    key = facet_cache_key(scope, filters, text)
    found = cache.get(key)
    if found is None:
        found = build_facets(base, filters, category_choices)
        cache.set(key, found, seconds)
    return found


def build_facets(
    base: QuerySet, filters: Filters, category_choices: list
) -> tuple[list[Facet], int | None]:
    """Every facet with counts that take the visitor's other choices into account.

    Also returns the number of matching products when a facet query already counted them
    (None otherwise), which saves the paginator its COUNT query.
    """
    on = today()
    stars, certified = facet_stars(base, filters, on)
    provinces, producers, total = facet_origin(base, filters)
    facets = [
        certified,
        stars,
        facet_categories(base, filters, category_choices),
        provinces,
        producers,
        facet_prices(base, filters),
    ]
    return facets, total
