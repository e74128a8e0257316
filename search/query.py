"""Product listing, facets and search straight from the database, on SQLite and PostgreSQL alike.

Text is matched against `Product.search_title` / `search_body`, which hold folded copies
(lower case, no diacritics, đ → d, words separated by single spaces) so "ca phe" meets
"Cà phê" on either database. Matching is by whole words (`search.db.HasWords`): on
PostgreSQL a GIN index over the words serves it (migration 0037).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.models import certified_rating_q, today
from catalogue.rating_rules import current_rules
from catalogue.versions import CATALOGUE_VERSION
from lib.cache import hashed_key
from regions import units

from .db import HasWords
from .text import MIN_FUZZY_LENGTH, MIN_PREFIX_LENGTH, terms, within_one_edit

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
SearchWord = get_model("catalogue", "SearchWord")
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
MAX_FACET_VALUES = 20
FACET_PARAMS = ("category", "province", "stars", "certified", "producer", "price")
CATEGORY_STEPLEN = 4  # treebeard's materialised path: four characters per level


def browsable_products() -> QuerySet:
    """Public products with what a product card renders, fetched in a fixed number of queries."""
    return Product.objects.browsable().for_cards()


# Filters


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


# Text search


def _fuzzy_candidates(words: list[str]) -> dict[str, list[str]]:
    """For each long query word the catalogue does not contain, the catalogue's words one typo away."""
    long_words = [w for w in words if len(w) >= MIN_FUZZY_LENGTH and len(w) <= 64]
    if not long_words:
        return {}
    result: dict[str, list[str]] = {}
    pending = []
    for word in long_words:
        cached = cache.get(f"search:fuzzy:{word}")
        if cached is None:
            pending.append(word)
        else:
            result[word] = cached
    if pending:
        known = set(SearchWord.objects.filter(word__in=pending).values_list("word", flat=True))
        unknown = [w for w in pending if w not in known]
        for word in known:
            result[word] = []
        if unknown:
            lengths = {n for w in unknown for n in (len(w) - 1, len(w), len(w) + 1)}
            vocabulary = SearchWord.objects.filter(length__in=lengths).values_list(
                "word", flat=True
            )
            near: dict[str, list[str]] = {w: [] for w in unknown}
            for candidate in vocabulary.iterator(chunk_size=5000):
                for word in unknown:
                    if within_one_edit(word, candidate) and len(near[word]) < 8:
                        near[word].append(candidate)
            result.update(near)
        for word in pending:
            cache.set(f"search:fuzzy:{word}", result[word], 600)
    return {w: c for w, c in result.items() if c}


@dataclass
class TextQuery:
    """A visitor's query as folded words, their typo corrections, and whether the last is a prefix.

    Words match whole words of a product's text ("ca" finds "cá", not "cao"). The last word
    of a query may match as a prefix instead: the search box's suggestions do so while the
    visitor types ("ca ph" finds "cà phê"), and the results page does for a last word of
    three letters or more, where a prefix stays selective.
    """

    words: list[str]
    fuzzy: dict[str, list[str]]
    prefix: bool = False

    @classmethod
    def parse(cls, query: str | None, typing: bool = False) -> TextQuery:
        words = terms(query)
        prefix = bool(words) and (typing or len(words[-1]) >= MIN_PREFIX_LENGTH)
        return cls(words=words, fuzzy=_fuzzy_candidates(words) if words else {}, prefix=prefix)

    def __bool__(self) -> bool:
        return bool(self.words)

    def variants(self, word: str) -> list[str]:
        return [word, *self.fuzzy.get(word, [])]

    def is_prefix(self, word: str) -> bool:
        return self.prefix and word == self.words[-1]

    def groups(self) -> list[tuple[list[str], bool]]:
        return [(self.variants(w), self.is_prefix(w)) for w in self.words]


def match_text(queryset: QuerySet, text: TextQuery) -> QuerySet:
    """Keep products holding every word of the query, or a word one typo away."""
    return queryset.filter(HasWords(text.groups()))


class _PaddedTitle(Func):
    template = "(' ' || %(expressions)s || ' ')"
    output_field = CharField()


def _title_has(word: str, prefix: bool = False) -> Q:
    return Q(padded_title__contains=f" {word}" if prefix else f" {word} ")


def rank_text(queryset: QuerySet, text: TextQuery) -> QuerySet:
    """Annotate `relevance`: title words above text words, exact spelling above a typo, the phrase on top."""
    score = Value(0)
    for word in text.words:
        prefix = text.is_prefix(word)
        fuzzy_title = Q()
        for variant in text.fuzzy.get(word, []):
            fuzzy_title |= _title_has(variant, prefix)
        whens = [When(_title_has(word, prefix), then=Value(4))]
        if fuzzy_title:
            whens.append(When(fuzzy_title, then=Value(2)))
        score = score + Case(*whens, default=Value(0), output_field=IntegerField())
    if len(text.words) > 1:
        phrase = " ".join(text.words)
        score = score + Case(
            When(_title_has(phrase, text.prefix), then=Value(5)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return queryset.alias(padded_title=_PaddedTitle("search_title")).annotate(relevance=score)


def search_products(queryset: QuerySet, query: str | TextQuery | None) -> QuerySet:
    """Keep and rank the products matching `query`."""
    text = query if isinstance(query, TextQuery) else TextQuery.parse(query)
    if not text:
        return queryset
    return rank_text(match_text(queryset, text), text)


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
        return queryset.order_by("-relevance", "search_title", "pk")
    return queryset.order_by("-priority", "-date_created", "-pk")


# Facets


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
