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


def _counted(rows, key: str) -> dict:
    return {row[key]: row["n"] for row in rows.values(key).annotate(n=Count("id")).order_by(key)}


def by_stars(scope: Scope) -> dict[int, int]:
    return _counted(certified(scope), "stars")


def by_province(scope: Scope) -> dict[str, int]:
    return _counted(certified(scope), "province_code")


def by_sector(scope: Scope) -> dict[str, int]:
    """Products with a category, by the sector of their first category."""
    return _counted(certified(scope).exclude(sector=""), "sector")


def by_producer_type(scope: Scope) -> dict[str, int]:
    found: dict[str, int] = {}
    for form, n in _counted(certified(scope), "legal_form").items():
        kind = PRODUCER_TYPES.get(form, "unknown")
        found[kind] = found.get(kind, 0) + n
    return found


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
