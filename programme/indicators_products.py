"""OCOP products and certificates: counts by stars, sector, province and producer type."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from oscar.core.loading import get_model

from catalogue.models import certified_rating_q
from evaluation.models import Certificate
from producers.models import LegalForm

from . import plans
from .filters import Scope
from .scoping import in_provinces, in_sector, province_of_product, with_sector

# Producer types as the national figures count them.
PRODUCER_TYPES = {
    LegalForm.HTX: "cooperative",
    LegalForm.LIEN_HIEP_HTX: "cooperative",
    LegalForm.TO_HOP_TAC: "cooperative",
    LegalForm.DOANH_NGHIEP: "enterprise",
    LegalForm.HO_KINH_DOANH: "household",
}


def ratings_in_scope(scope: Scope):
    """Ratings of products in the scope's provinces and sector, with their province annotated."""
    OcopRating = get_model("catalogue", "OcopRating")
    ratings = OcopRating.objects.annotate(province=province_of_product("product__"))
    if scope.provinces is not None:
        ratings = ratings.filter(province__in=scope.provinces)
    if scope.sector:
        ratings = ratings.filter(in_sector(scope.sector))
    return ratings


def certified(scope: Scope):
    """Ratings whose certificate is in force on the scope's day: issued by then, not expired, not revoked."""
    return ratings_in_scope(scope).filter(certified_rating_q(scope.on), issued_on__lte=scope.on)


def by_stars(scope: Scope) -> dict[int, int]:
    rows = certified(scope).values("stars").annotate(n=Count("id")).order_by("stars")
    return {row["stars"]: row["n"] for row in rows}


def by_province(scope: Scope) -> dict[str, int]:
    rows = certified(scope).values("province").annotate(n=Count("id")).order_by("province")
    return {row["province"] or "": row["n"] for row in rows}


def by_sector(scope: Scope) -> dict[str, int]:
    rows = with_sector(certified(scope)).values("sector").annotate(n=Count("id")).order_by("sector")
    return {row["sector"] or "": row["n"] for row in rows}


def by_producer_type(scope: Scope) -> dict[str, int]:
    rows = (
        certified(scope)
        .values("product__producer__legal_form")
        .annotate(n=Count("id"))
        .order_by("product__producer__legal_form")
    )
    found: dict[str, int] = {}
    for row in rows:
        kind = PRODUCER_TYPES.get(row["product__producer__legal_form"], "unknown")
        found[kind] = found.get(kind, 0) + row["n"]
    return found


def certificates_in_scope(scope: Scope):
    """The evaluation app's certificates (what councils issued) of producers in the scope's
    provinces and, with a sector, of products in it."""
    certificates = Certificate.objects.filter(in_provinces("producer__province_code", scope))
    if scope.sector:
        certificates = certificates.filter(in_sector(scope.sector))
    return certificates


def certificates(scope: Scope) -> dict[str, int]:
    """Certificates issued in the period; in force, expiring soon, expired (and the product not
    certified again since) and revoked on its day. A certificate revoked after the day still
    counts as it stood then."""
    on = scope.on
    soon = on + datetime.timedelta(days=int(plans.settings()["expiring_within_days"]))
    standing = Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)
    in_force = standing & Q(issued_on__lte=on, expires_on__gte=on)
    renewed = Exists(
        Certificate.objects.filter(
            product_id=OuterRef("product_id"),
            issued_on__gt=OuterRef("issued_on"),
            issued_on__lte=on,
        )
    )
    return certificates_in_scope(scope).aggregate(
        issued=Count(
            "id", filter=standing & Q(issued_on__gte=scope.start, issued_on__lt=scope.end)
        ),
        in_force=Count("id", filter=in_force),
        expiring=Count("id", filter=in_force & Q(expires_on__lte=soon)),
        expired=Count(
            "id", filter=standing & Q(issued_on__lte=on, expires_on__lt=on) & ~Q(renewed)
        ),
        revoked=Count("id", filter=Q(revoked_on__lte=on, issued_on__lte=on)),
    )
