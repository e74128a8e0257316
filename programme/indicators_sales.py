"""Marketplace sales (order lines and GMV in VND) and QR scans, by month, province and sector."""

from __future__ import annotations

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from oscar.core.loading import get_model

from order.statuses import MONEY_GOES_BACK
from traceability.models import Scan

from .filters import Scope
from .scoping import during, in_provinces, in_sector, with_sector

TOP_COOPERATIVES = 10


def lines_in_scope(scope: Scope):
    """Order lines placed in the period whose money stayed (not cancelled or refunded)."""
    Line = get_model("order", "Line")
    lines = (
        Line.objects.filter(during("order__date_placed", scope))
        .exclude(order__status__in=MONEY_GOES_BACK)
        .filter(in_provinces("partner__producer__province_code", scope))
    )
    if scope.sector:
        lines = lines.filter(in_sector(scope.sector))
    return lines


def _grouped(lines, *keys: str) -> list[dict]:
    return list(
        lines.values(*keys)
        .annotate(lines=Count("id"), gmv=Sum("line_price_incl_tax"))
        .order_by(*keys)
    )


def _vnd(value) -> int:
    return int(value or 0)


def summary(scope: Scope) -> dict:
    """Lines and GMV in total, by month and by province, from one query grouped by both
    (at most 12 × 34 rows come back; each order line is read once)."""
    rows = _grouped(
        lines_in_scope(scope).annotate(
            month=TruncMonth("order__date_placed"), province=F("partner__producer__province_code")
        ),
        "month",
        "province",
    )
    totals = {"lines": 0, "gmv": 0}
    months: dict[str, dict[str, int]] = {}
    provinces: dict[str, dict[str, int]] = {}
    for row in rows:
        for bucket in (
            totals,
            months.setdefault(row["month"].strftime("%Y-%m"), {"lines": 0, "gmv": 0}),
            provinces.setdefault(row["province"] or "", {"lines": 0, "gmv": 0}),
        ):
            bucket["lines"] += row["lines"]
            bucket["gmv"] += _vnd(row["gmv"])
    return {"totals": totals, "by_month": months, "by_province": provinces}


def by_sector(scope: Scope) -> dict[str, dict[str, int]]:
    lines = with_sector(lines_in_scope(scope))
    return {
        row["sector"] or "": {"lines": row["lines"], "gmv": _vnd(row["gmv"])}
        for row in _grouped(lines, "sector")
    }


def top_cooperatives(scope: Scope) -> list[dict]:
    rows = (
        lines_in_scope(scope)
        .values("partner_id", "partner_name")
        .annotate(lines=Count("id"), gmv=Sum("line_price_incl_tax"))
        .order_by("-gmv", "partner_id")[:TOP_COOPERATIVES]
    )
    return [
        {"name": row["partner_name"], "lines": row["lines"], "gmv": _vnd(row["gmv"])}
        for row in rows
    ]


def scans_in_scope(scope: Scope):
    return Scan.objects.filter(during("scanned_at", scope)).filter(
        in_provinces("batch__province_code", scope)
    )


def scans_by_month(scope: Scope) -> dict[str, int]:
    rows = (
        scans_in_scope(scope)
        .annotate(month=TruncMonth("scanned_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}


def scans_by_province(scope: Scope) -> dict[str, int]:
    rows = (
        scans_in_scope(scope)
        .values("batch__province_code")
        .annotate(n=Count("id"))
        .order_by("batch__province_code")
    )
    return {row["batch__province_code"]: row["n"] for row in rows}
