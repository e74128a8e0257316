"""The shop's products and cooperatives as CMS pages show them, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.db.models import QuerySet
from oscar.core.loading import get_model


def product_model():
    return get_model("catalogue", "Product")


def category_model():
    return get_model("catalogue", "Category")


@cache
def has_ratings() -> bool:
    """Whether the catalogue records OCOP ratings (the `ocop_rating` one-to-one)."""
    return any(f.name == "ocop_rating" for f in product_model()._meta.get_fields())


def card_queryset() -> QuerySet:
    """Browsable products with everything a product card renders."""
    queryset = product_model().objects.browsable()
    if hasattr(queryset, "for_cards"):
        return queryset.for_cards()
    return queryset.base_queryset().prefetch_related("images")


def cards_for(ids: Iterable[int]) -> list:
    """The browsable products among `ids`, in that order, ready for cards."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return []
    by_pk = card_queryset().in_bulk(ids)
    return [by_pk[pk] for pk in dict.fromkeys(ids) if pk in by_pk]


def newest_rated_first(queryset: QuerySet) -> QuerySet:
    """Best OCOP rating first, then the freshest."""
    if has_ratings():
        return queryset.order_by("-ocop_rating__stars", "-date_created", "-pk")
    return queryset.order_by("-priority", "-date_created", "-pk")


def filtered_products(
    category_code: str = "",
    province_code: str = "",
    min_stars: int = 0,
    order: str = "rating",
    limit: int = 12,
) -> list:
    """A saved filter over the catalogue: a sector, group or sub-group, a province, a star floor."""
    queryset = card_queryset()
    if category_code:
        category = category_model().objects.filter(code=category_code).first()
        if category is None:
            return []
        queryset = queryset.filter(categories__in=category.get_descendants_and_self())
    if province_code:
        queryset = queryset.filter(stockrecords__partner__producer__province_code=province_code)
    if min_stars and has_ratings():
        queryset = queryset.filter(ocop_rating__stars__gte=min_stars)
    if order == "newest":
        queryset = queryset.order_by("-date_created", "-pk")
    elif order == "title":
        queryset = queryset.order_by("title", "pk")
    else:
        queryset = newest_rated_first(queryset)
    # Several categories or stock records may match one product: keep each once.
    ids = list(queryset.values_list("pk", flat=True).distinct()[: max(1, min(limit, 48))])
    return cards_for(ids)


def category_choices() -> list[tuple[str, str]]:
    """Every OCOP category by taxonomy code, for editors' saved filters."""
    rows = (
        category_model()
        .objects.filter(code__isnull=False)
        .order_by("path")
        .values_list("code", "name")
    )
    return [("", "—")] + [(code, f"{code} · {name}") for code, name in rows]


def province_choices() -> list[tuple[str, str]]:
    from regions import units

    return [("", "—")] + [(p.code, p.name) for p in units.provinces()]


def province_name(code: str) -> str:
    from regions import units

    province = units.province(code) if code else None
    return province.name if province else ""
