"""Query pieces shared by the indicators: a product's province and sector, a period's instants."""

from __future__ import annotations

import datetime

from django.db.models import CharField, Exists, F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Left, NullIf
from django.utils import timezone
from oscar.core.loading import get_model

from .filters import Scope


def instant(day: datetime.date) -> datetime.datetime:
    """Local midnight at the start of `day`, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def during(field: str, scope: Scope) -> Q:
    """`field` (a datetime) falls in the scope's period."""
    return Q(**{f"{field}__gte": instant(scope.start), f"{field}__lt": instant(scope.end)})


def province_of_product(prefix: str = ""):
    """The producer's province, or the product's province of origin when it has no producer."""
    return Coalesce(
        NullIf(F(f"{prefix}producer__province_code"), Value("")),
        F(f"{prefix}origin_province_code"),
        output_field=CharField(),
    )


def first_categories():
    """The id of each product's first category link: one uncorrelated subquery, so that
    grouping by sector joins each row to a single category (a scalar subquery per row
    took seconds at 1,000,000 order lines)."""
    ProductCategory = get_model("catalogue", "ProductCategory")
    return ProductCategory.objects.values("product_id").annotate(first=Min("id")).values("first")


def with_sector(queryset, prefix: str = "product__"):
    """`queryset` with `sector`: the one-character taxonomy sector of the product's first category."""
    return queryset.filter(**{f"{prefix}productcategory__in": first_categories()}).annotate(
        sector=Left(f"{prefix}productcategory__category__code", 1)
    )


def sector_of_product(product_ref: str = "product_id"):
    """The sector of the product's first category, "" without one: one value per row, for
    copying into a summary (the same category `with_sector` reads)."""
    ProductCategory = get_model("catalogue", "ProductCategory")
    code = (
        ProductCategory.objects.filter(product_id=OuterRef(product_ref))
        .order_by("id")
        .values("category__code")[:1]
    )
    return Coalesce(Left(Subquery(code), 1), Value(""), output_field=CharField())


def in_sector(sector: str, product_ref: str = "product_id") -> Exists:
    """The product's first category is in `sector` (the same category `with_sector` reads)."""
    ProductCategory = get_model("catalogue", "ProductCategory")
    return Exists(
        ProductCategory.objects.filter(
            Q(category__code=sector) | Q(category__code__startswith=f"{sector}."),
            product=OuterRef(product_ref),
            pk__in=first_categories(),
        )
    )


def in_provinces(field: str, scope: Scope) -> Q:
    return Q() if scope.provinces is None else Q(**{f"{field}__in": scope.provinces})
