"""Every figure of the programme dashboard for one scope: tiles, tables, charts and the map.

Each indicator is one grouped query in the database; the number of queries does not grow with
the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lib.cache import hashed_key
from lib.i18n import wants_english
from regions import units

from . import charts, dossiers, loans, plans
from . import indicators_activity as activity
from . import indicators_products as products
from . import indicators_sales as sales
from .filters import Scope, sectors
from .tables import Table

MAP_INDICATORS = ("products", "gmv", "scans")


@dataclass
class Tile:
    key: str
    label: str
    value: int
    unit: str = ""
    target: plans.Target | None = None
    benchmark: plans.Benchmark | None = None

    @property
    def progress(self) -> int | None:
        if not self.target or not self.target.value:
            return None
        return round(100 * self.value / self.target.value)


@dataclass
class Report:
    scope: Scope
    tiles: list[Tile] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    map: dict = field(default_factory=dict)
    map_indicator: str = "products"

    def table(self, key: str) -> Table:
        return self.tables[key]


def _sector_name(code: str) -> str:
    english = wants_english()
    for sector_code, name, name_en in sectors():
        if sector_code == code:
            return (name_en or name) if english else name
    return _("Other")


def _province_name(code: str) -> str:
    province = units.province(code)
    return province.short_name if province else (code or _("Unknown"))


def _months(scope: Scope) -> list[str]:
    return [month.strftime("%Y-%m") for month in scope.months()]


def build(scope: Scope, map_indicator: str = "products") -> Report:
    report = Report(scope=scope, map_indicator=map_indicator)
    tables = report.tables

    certified = products.counts(scope)
    stars = certified["stars"]
    tables["stars"] = Table(
        "stars",
        _("Certified OCOP products by stars"),
        [_("Stars"), _("Products")],
        [[f"{s}★", n] for s, n in sorted(stars.items())],
        chart="bars",
    )
    by_sector = certified["sectors"]
    tables["sectors"] = Table(
        "sectors",
        _("Certified OCOP products by sector"),
        [_("Sector"), _("Products")],
        [[_sector_name(code), n] for code, n in sorted(by_sector.items())],
        chart="bars",
    )
    types = certified["types"]
    type_names = {
        "cooperative": _("Cooperatives, unions and groups"),
        "enterprise": _("Enterprises"),
        "household": _("Household businesses"),
        "unknown": _("No producer recorded"),
    }
    tables["producer_types"] = Table(
        "producer_types",
        _("Certified OCOP products by type of producer"),
        [_("Type of producer"), _("Products")],
        [[type_names[k], n] for k, n in sorted(types.items())],
        chart="bars",
    )
    certs = products.certificates(scope)
    days = plans.settings()["expiring_within_days"]
    tables["certificates"] = Table(
        "certificates",
        _("Certificates"),
        [_("Figure"), _("Certificates")],
        [
            [_("Issued in the period"), certs["issued"]],
            [_("In force"), certs["in_force"]],
            [_("Expiring within %(days)s days") % {"days": days}, certs["expiring"]],
            [_("Expired, not re-rated"), certs["expired"]],
            [_("Revoked"), certs["revoked"]],
        ],
        chart="bars",
    )

    approved = activity.approved_by_month(scope)
    tables["approved_by_month"] = Table(
        "approved_by_month",
        _("Cooperatives approved per month"),
        [_("Month"), _("Cooperatives")],
        [[m, approved.get(m, 0)] for m in _months(scope)],
        chart="columns",
    )
    sold = sales.summary(scope)
    sales_months = sold["by_month"]
    tables["sales_by_month"] = Table(
        "sales_by_month",
        _("Marketplace sales per month"),
        [_("Month"), _("GMV (VND)"), _("Order lines")],
        [
            [m, sales_months.get(m, {}).get("gmv", 0), sales_months.get(m, {}).get("lines", 0)]
            for m in _months(scope)
        ],
        chart="columns",
    )
    sales_sectors = sales.by_sector(scope)
    tables["sales_by_sector"] = Table(
        "sales_by_sector",
        _("Marketplace sales by sector"),
        [_("Sector"), _("GMV (VND)"), _("Order lines")],
        [[_sector_name(c), v["gmv"], v["lines"]] for c, v in sorted(sales_sectors.items())],
        chart="bars",
    )
    tables["top_cooperatives"] = Table(
        "top_cooperatives",
        _("Cooperatives with the most sales"),
        [_("Cooperative"), _("GMV (VND)"), _("Order lines")],
        [[row["name"], row["gmv"], row["lines"]] for row in sales.top_cooperatives(scope)],
        chart="bars",
    )
    scanned = sales.scans(scope)
    scans = scanned["by_month"]
    tables["scans_by_month"] = Table(
        "scans_by_month",
        _("QR code scans per month"),
        [_("Month"), _("Scans")],
        [[m, scans.get(m, 0)] for m in _months(scope)],
        chart="columns",
    )
    dossier_counts = dossiers.dossier_counts(scope)
    tables["dossiers"] = Table(
        "dossiers",
        _("Evaluation dossiers by state"),
        [_("State"), _("Dossiers")],
        [[label, n] for label, n in dossier_counts],
        chart="bars",
    )
    tables["loans"] = Table(
        "loans",
        _("Loan applications by purpose"),
        [
            _("Purpose"),
            _("Applications"),
            _("Approved"),
            _("Declined"),
            _("Requested (VND)"),
            _("Approved (VND)"),
        ],
        [
            [
                label,
                f["applications"],
                f["approved"],
                f["declined"],
                f["requested_amount"],
                f["approved_amount"],
            ]
            for label, f in loans.by_purpose(scope)
        ],
        chart="bars",
    )

    by_province = certified["provinces"]
    sales_provinces = sold["by_province"]
    scans_provinces = scanned["by_province"]
    points = activity.sales_points_by_province(scope)
    shown = [p for p in units.provinces() if scope.provinces is None or p.code in scope.provinces]
    tables["provinces"] = Table(
        "provinces",
        _("Figures by province"),
        [
            _("Province or city"),
            _("Certified products"),
            _("GMV (VND)"),
            _("Order lines"),
            _("Scans"),
            _("Sales points"),
        ],
        [
            [
                p.short_name,
                by_province.get(p.code, 0),
                sales_provinces.get(p.code, {}).get("gmv", 0),
                sales_provinces.get(p.code, {}).get("lines", 0),
                scans_provinces.get(p.code, 0),
                points.get(p.code, 0),
            ]
            for p in shown
        ],
    )
    map_values = {
        "products": by_province,
        "gmv": {c: v["gmv"] for c, v in sales_provinces.items()},
        "scans": scans_provinces,
    }[map_indicator]
    report.map = charts.tile_map(map_values)

    coops = activity.cooperatives_and_training(scope)
    fairs = activity.fairs(scope)
    totals = sold["totals"]
    chains = activity.value_chains(scope)
    targets = plans.targets_for(scope.on)
    trained_pct = round(100 * coops["trained"] / coops["approved"]) if coops["approved"] else 0
    certified_total = sum(stars.values())
    report.tiles = [
        Tile(
            "certified_products",
            _("Certified OCOP products"),
            certified_total,
            target=targets.get("certified_products"),
            benchmark=plans.latest_benchmark("certified_products", scope.on),
        ),
        Tile(
            "cooperatives_approved",
            _("Cooperatives approved in the period"),
            sum(approved.values()),
            target=targets.get("cooperatives_approved"),
        ),
        Tile("value_chains", _("Value chains"), chains, target=targets.get("value_chains")),
        Tile(
            "leaders_trained_pct",
            _("Cooperatives with a trained leader"),
            trained_pct,
            unit="%",
            target=targets.get("leaders_trained_pct"),
        ),
        Tile(
            "sales_points",
            _("Display and sales points"),
            sum(points.values()),
            target=targets.get("sales_points"),
        ),
        Tile("fairs", _("Fairs in the period"), fairs["fairs"]),
        Tile("booths", _("Booths accepted at those fairs"), fairs["booths"]),
        Tile("gmv", _("Sales (GMV, VND)"), totals["gmv"]),
        Tile("order_lines", _("Order lines"), totals["lines"]),
        Tile("scans", _("QR code scans"), sum(scans.values())),
    ]
    tables["indicators"] = Table(
        "indicators",
        _("Indicators against targets"),
        [_("Indicator"), _("Value"), _("Target"), _("Progress (%)"), _("Source")],
        [
            [
                t.label,
                t.value,
                t.target.value if t.target else "",
                t.progress if t.progress is not None else "",
                (t.target.source + (" " + _("(unverified)") if t.target.unverified else ""))
                if t.target
                else "",
            ]
            for t in report.tiles
        ],
    )
    return report


def cached(scope: Scope, map_indicator: str = "products") -> Report:
    """`build`, kept for `cache_seconds` (monitoring.json): figures a few minutes old are fine
    for monitoring, and a 1,000,000-line sales table is then read once per scope, not per view.
    With no cache (or 0 seconds) every call builds."""
    seconds = int(plans.settings().get("cache_seconds", 0))
    if seconds <= 0:
        return build(scope, map_indicator)
    key = hashed_key("programme-report", scope, map_indicator, get_language())
    try:
        found = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache is optional
        found = None
    if found is None:
        found = build(scope, map_indicator)
        try:
            cache.set(key, found, seconds)
        except Exception:  # noqa: BLE001
            pass
    return found
