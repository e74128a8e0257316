"""Search in the dashboard, for alliance staff: the synonyms, and the weekly query report."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import SynonymForm
from .models import QueryLog, Synonym, week_of

REPORT_ROWS = 50
REPORT_WEEKS = 8
# A query "gets few clicks" when searched at least this often with results, and clicked on
# fewer than this share of times.
LOW_CLICK_MIN_SEARCHES = 3
LOW_CLICK_RATE = 0.1


def _staff(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def synonym_list(request):
    _staff(request)
    form = SynonymForm(initial={"terms": (request.GET.get("terms") or "")[:200]})
    return render(
        request,
        "search/dashboard/synonym_list.html",
        {"synonyms": Synonym.objects.all(), "form": form},
    )


@login_required
def synonym_edit(request, pk: int | None = None):
    _staff(request)
    synonym = get_object_or_404(Synonym, pk=pk) if pk else None
    form = SynonymForm(request.POST or None, instance=synonym)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Synonyms saved: search uses them at once."))
        return redirect("search-dashboard:synonyms")
    return render(request, "search/dashboard/synonym_form.html", {"form": form, "synonym": synonym})


@login_required
@require_POST
def synonym_delete(request, pk: int):
    _staff(request)
    get_object_or_404(Synonym, pk=pk).delete()
    messages.success(request, _("Synonyms deleted."))
    return redirect("search-dashboard:synonyms")


def _week(value: str | None) -> datetime.date:
    try:
        return week_of(datetime.date.fromisoformat(value or ""))
    except ValueError:
        return week_of()


@login_required
def query_report(request):
    """The week's zero-result and low-click queries, most searched first."""
    _staff(request)
    week = _week(request.GET.get("week"))
    rows = QueryLog.objects.filter(week=week)
    zero = rows.filter(results=0).order_by("-searches", "query")[:REPORT_ROWS]
    low = [
        row
        for row in rows.filter(results__gt=0, searches__gte=LOW_CLICK_MIN_SEARCHES).order_by(
            "-searches", "query"
        )[: REPORT_ROWS * 4]
        if row.clicks < row.searches * LOW_CLICK_RATE
    ][:REPORT_ROWS]
    this_week = week_of()
    weeks = [this_week - datetime.timedelta(weeks=n) for n in range(REPORT_WEEKS)]
    return render(
        request,
        "search/dashboard/query_report.html",
        {
            "week": week,
            "weeks": weeks,
            "zero": zero,
            "low": low,
            "searches": sum(rows.values_list("searches", flat=True)),
            "low_click_rate": int(LOW_CLICK_RATE * 100),
            "low_click_min": LOW_CLICK_MIN_SEARCHES,
        },
    )
