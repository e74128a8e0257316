"""The programme dashboard, its exports and its printable report (staff and province officers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from regions import units

from . import charts, exports, plans, report
from .access import allowed_provinces
from .filters import FilterForm


def _report(request) -> tuple[FilterForm, report.Report]:
    allowed = allowed_provinces(request.user)
    asked = request.GET.get("province", "")
    if asked and allowed is not None and asked not in allowed:
        # Another province's figures: refused, whether or not the code exists.
        raise PermissionDenied
    form = FilterForm(request.GET, allowed)
    map_indicator = request.GET.get("map", "products")
    if map_indicator not in report.MAP_INDICATORS:
        map_indicator = "products"
    return form, report.cached(form.scope(), map_indicator=map_indicator)


def _heading(built: report.Report) -> str:
    scope = built.scope
    if scope.provinces is None:
        where = _("All provinces")
    else:
        where = ", ".join(
            units.province(c).short_name for c in scope.provinces if units.province(c)
        )
    return _("OCOP programme, %(start)s to %(end)s, %(where)s") % {
        "start": scope.start.strftime("%d/%m/%Y"),
        "end": scope.on.strftime("%d/%m/%Y"),
        "where": where,
    }


def _context(request, form, built) -> dict:
    tables = built.tables
    charted = []
    for key in (
        "stars",
        "sectors",
        "producer_types",
        "certificates",
        "approved_by_month",
        "sales_by_month",
        "sales_by_sector",
        "top_cooperatives",
        "scans_by_month",
        "dossiers",
        "loans",
    ):
        table = tables[key]
        draw = charts.columns if table.chart == "columns" else charts.bars
        charted.append({"table": table, "svg": draw(table.chart_points()), "kind": table.chart})
    return {
        "form": form,
        "report": built,
        "heading": _heading(built),
        "charted": charted,
        "provinces_table": tables["provinces"],
        "indicators_table": tables["indicators"],
        "plan": plans.plan_for(built.scope.on),
        "query": request.GET.urlencode(),
        "map_indicators": [
            ("products", _("Certified products")),
            ("gmv", _("GMV (VND)")),
            ("scans", _("Scans")),
        ],
    }


@require_GET
def dashboard(request):
    form, built = _report(request)
    return render(request, "programme/dashboard.html", _context(request, form, built))


@require_GET
def export(request, key: str, fmt: str):
    form, built = _report(request)
    if key == "all" and fmt == "xlsx":
        tables = list(built.tables.values())
        return exports.xlsx_response(tables, _heading(built), "ocop-programme.xlsx")
    if key not in built.tables:
        raise Http404
    table = built.tables[key]
    if fmt == "csv":
        return exports.csv_response(table, f"ocop-{key}.csv")
    return exports.xlsx_response([table], _heading(built), f"ocop-{key}.xlsx")


@require_GET
def printable(request):
    """The report for a period, in Vietnamese whatever the reader's language, laid out for print."""
    with translation.override("vi"):
        form, built = _report(request)
        response = render(request, "programme/report.html", _context(request, form, built))
    return response
