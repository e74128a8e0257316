"""OCOP products and certificates: counts by stars, sector, province and producer type.

Read from the certified-products summary (`ProductCertification`, kept equal to the ratings and
certificates by `certification_summary.py`): one row per rating or certificate with its sector,
province and legal form copied in, so no query joins products, categories or producers."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from catalogue.models import certified_rating_q
from producers.models import LegalForm

from . import plans
from .filters import Scope
from .models import ProductCertification
from .scoping import in_provinces

# Producer types as the national figures count them.
PRODUCER_TYPES = {
    LegalForm.HTX: "cooperative",
    LegalForm.LIEN_HIEP_HTX: "cooperative",
    LegalForm.TO_HOP_TAC: "cooperative",
    LegalForm.DOANH_NGHIEP: "enterprise",
    LegalForm.HO_KINH_DOANH: "household",
}


def in_scope(scope: Scope, source: str):
    """The summary's rows of `source` (ratings or certificates) in the scope's provinces and
    sector. A rating's province is its producer's, or the product's province of origin when it
    has no producer; a certificate's is its producer's."""
    rows = ProductCertification.objects.filter(source=source).filter(
        in_provinces("province_code", scope)
    )
    if scope.sector:
        rows = rows.filter(sector=scope.sector)
    return rows


def certified(scope: Scope):
    """Ratings whose certificate is in force on the scope's day: issued by then, not expired, not revoked."""
    on = scope.on
    return in_scope(scope, ProductCertification.Source.RATING).filter(
        certified_rating_q(on), issued_on__lte=on
    )


def counts(scope: Scope) -> dict[str, dict]:
    """Certified products by stars, province, sector and producer type, from one query grouped
    by all four (at most a few thousand rows come back, whatever the catalogue's size)."""
    found: dict[str, dict] = {"stars": {}, "provinces": {}, "sectors": {}, "types": {}}
    keys = ("stars", "province_code", "sector", "legal_form")
    for row in certified(scope).values(*keys).annotate(n=Count("id")).order_by(*keys):
        for name, value in (
            ("stars", row["stars"]),
            ("provinces", row["province_code"]),
            # Products without a category count in no sector.
            ("sectors", row["sector"] or None),
            ("types", PRODUCER_TYPES.get(row["legal_form"], "unknown")),
        ):
            if value is not None:
                found[name][value] = found[name].get(value, 0) + row["n"]
    return found


def by_stars(scope: Scope) -> dict[int, int]:
    return counts(scope)["stars"]


def by_province(scope: Scope) -> dict[str, int]:
    return counts(scope)["provinces"]


def by_sector(scope: Scope) -> dict[str, int]:
    """Products with a category, by the sector of their first category."""
    return counts(scope)["sectors"]


def by_producer_type(scope: Scope) -> dict[str, int]:
    return counts(scope)["types"]


def certificates(scope: Scope) -> dict[str, int]:
    """Certificates issued in the period; in force, expiring soon, expired (and the product not
    certified again since) and revoked on its day. A certificate revoked after the day still
    counts as it stood then. Counted from the evaluation councils' certificates."""
    on = scope.on
    soon = on + datetime.timedelta(days=int(plans.settings()["expiring_within_days"]))
    standing = Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)
    in_force = standing & Q(issued_on__lte=on, expires_on__gte=on)
    not_renewed = Q(next_issued_on__isnull=True) | Q(next_issued_on__gt=on)
    return in_scope(scope, ProductCertification.Source.CERTIFICATE).aggregate(
        issued=Count(
            "id", filter=standing & Q(issued_on__gte=scope.start, issued_on__lt=scope.end)
        ),
        in_force=Count("id", filter=in_force),
        expiring=Count("id", filter=in_force & Q(expires_on__lte=soon)),
        expired=Count(
            "id", filter=standing & Q(issued_on__lte=on, expires_on__lt=on) & not_renewed
        ),
        revoked=Count("id", filter=Q(revoked_on__lte=on, issued_on__lte=on)),
    )
