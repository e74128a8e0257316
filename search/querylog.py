"""The query log: what shoppers search each week, how much it found and how often they clicked.

Staff read it in the dashboard (zero-result and low-click queries) to add synonyms. Queries
are stored folded ("cà phê" and "ca phe" are one row) with no visitor information. A search
served from the anonymous page cache counts too (`FacetedSearchView.page_served`); a click
is reported by the results page's script (static/js/search-clicks.js) to `click`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.http import client_ip
from lib.ratelimit import allow

from .models import QueryLog, week_of
from .text import MAX_QUERY_LENGTH, terms

# Clicks reported per visitor address a minute; beyond it they are not counted.
CLICKS_PER_MINUTE = getattr(settings, "OCOP_SEARCH_CLICKS_PER_MINUTE", 60)


def _query(words: list[str]) -> str:
    return " ".join(words)[:MAX_QUERY_LENGTH]


def record(words: list[str], results: int) -> None:
    if words:
        QueryLog.objects.record_search(_query(words), results, week_of())


def record_repeat(words: list[str]) -> None:
    if words:
        QueryLog.objects.record_repeat(_query(words), week_of())


@csrf_exempt  # a counter, nothing a forged request could change for a visitor
@require_POST
def click(request):
    """Count a click on a search result for the query in the POST body; always 204."""
    words = terms((request.POST.get("q") or "")[:MAX_QUERY_LENGTH])
    if words and allow(f"search-click:{client_ip(request)}", CLICKS_PER_MINUTE, 60):
        QueryLog.objects.record_click(_query(words), week_of())
    return HttpResponse(status=204)
