"""Query pieces shared by the indicators: a product's province and sector, a period's instants."""

from __future__ import annotations

import datetime

from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
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


def sector_of_product(product_ref: str = "pk"):
    """The taxonomy sector (its one-character code) of the product's first category."""
    ProductCategory = get_model("catalogue", "ProductCategory")
    return Subquery(
        ProductCategory.objects.filter(product=OuterRef(product_ref))
        .order_by("pk")
        .values(code=Left("category__code", 1))[:1],
        output_field=CharField(),
    )


def in_sector(sector: str, prefix: str = "") -> Q:
    field = f"{prefix}categories__code"
    return Q(**{field: sector}) | Q(**{f"{field}__startswith": f"{sector}."})


def in_provinces(field: str, scope: Scope) -> Q:
    return Q() if scope.provinces is None else Q(**{f"{field}__in": scope.provinces})
