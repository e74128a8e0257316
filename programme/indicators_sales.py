"""Marketplace sales (order lines and GMV in VND, from the monthly sales summary) and QR scans,
by month, province and sector."""

from __future__ import annotations

from django.db.models import Count, Max, Q, Sum
from oscar.core.loading import get_model

from order.statuses import MONEY_GOES_BACK
from traceability.models import Scan

from .filters import Scope
from .models import SalesMonth
from .scoping import during, in_provinces, in_sector, instant

TOP_COOPERATIVES = 10


def lines_in_scope(scope: Scope):
    """Order lines placed in the period whose money stayed (not cancelled or refunded).

    The dashboard reads `sales_in_scope` instead; this is the recount the summary must equal.
    """
    Line = get_model("order", "Line")
    lines = (
        Line.objects.filter(during("order__date_placed", scope))
        .exclude(order__status__in=MONEY_GOES_BACK)
        .filter(in_provinces("partner__producer__province_code", scope))
    )
    if scope.sector:
        lines = lines.filter(in_sector(scope.sector))
    return lines


def sales_in_scope(scope: Scope):
    """The monthly sales summary's rows in the scope (`programme.sales_summary` keeps it equal
    to `lines_in_scope`): a few thousand rows a year instead of every order line. The period's
    bounds are first days of months (`filters.period_bounds`)."""
    rows = SalesMonth.objects.filter(month__gte=scope.start, month__lt=scope.end).filter(
        in_provinces("province_code", scope)
    )
    if scope.sector:
        rows = rows.filter(sector=scope.sector)
    return rows


def _grouped(rows, *keys: str) -> list[dict]:
    return list(rows.values(*keys).annotate(lines=Sum("lines"), gmv=Sum("gmv")).order_by(*keys))


def _vnd(value) -> int:
    return int(value or 0)


def summary(scope: Scope) -> dict:
    """Lines and GMV in total, by month and by province, from one query on the summary grouped
    by both (at most 12 × 34 rows come back)."""
    rows = _grouped(sales_in_scope(scope), "month", "province_code")
    totals = {"lines": 0, "gmv": 0}
    months: dict[str, dict[str, int]] = {}
    provinces: dict[str, dict[str, int]] = {}
    for row in rows:
        for bucket in (
            totals,
            months.setdefault(row["month"].strftime("%Y-%m"), {"lines": 0, "gmv": 0}),
            provinces.setdefault(row["province_code"] or "", {"lines": 0, "gmv": 0}),
        ):
            bucket["lines"] += _vnd(row["lines"])
            bucket["gmv"] += _vnd(row["gmv"])
    return {"totals": totals, "by_month": months, "by_province": provinces}


def by_sector(scope: Scope) -> dict[str, dict[str, int]]:
    """Sales of products with a category, by the sector of their first category."""
    rows = sales_in_scope(scope).exclude(sector="")
    return {
        row["sector"]: {"lines": _vnd(row["lines"]), "gmv": _vnd(row["gmv"])}
        for row in _grouped(rows, "sector")
    }


def top_cooperatives(scope: Scope) -> list[dict]:
    rows = (
        sales_in_scope(scope)
        .values("partner_pk")
        .annotate(lines=Sum("lines"), gmv=Sum("gmv"), name=Max("partner_name"))
        .order_by("-gmv", "partner_pk")[:TOP_COOPERATIVES]
    )
    return [
        {"name": row["name"], "lines": _vnd(row["lines"]), "gmv": _vnd(row["gmv"])} for row in rows
    ]


def scans_in_scope(scope: Scope):
    return Scan.objects.filter(during("scanned_at", scope)).filter(
        in_provinces("batch__province_code", scope)
    )


def scans(scope: Scope) -> dict[str, dict]:
    """Scans by month and by province, from one query grouped by province with a count per
    month between its local-midnight bounds: truncating every scan's time to a month in the
    local time zone cost several microseconds a row (most of a cold dashboard at 200,000
    scans), comparing it with twelve bounds almost nothing."""
    months = scope.months()
    ends = [*months[1:], scope.end]
    per_month = {
        f"m{i}": Count("id", filter=Q(scanned_at__gte=instant(start), scanned_at__lt=instant(end)))
        for i, (start, end) in enumerate(zip(months, ends, strict=True))
    }
    rows = (
        scans_in_scope(scope)
        .values("batch__province_code")
        .annotate(n=Count("id"), **per_month)
        .order_by("batch__province_code")
    )
    by_month: dict[str, int] = {}
    provinces: dict[str, int] = {}
    for row in rows:
        provinces[row["batch__province_code"]] = row["n"]
        for i, start in enumerate(months):
            if row[f"m{i}"]:
                key = start.strftime("%Y-%m")
                by_month[key] = by_month.get(key, 0) + row[f"m{i}"]
    return {"by_month": by_month, "by_province": provinces}


def scans_by_month(scope: Scope) -> dict[str, int]:
    return scans(scope)["by_month"]


def scans_by_province(scope: Scope) -> dict[str, int]:
    return scans(scope)["by_province"]
