"""The public open-data page and its feed: JSON pages, a CSV file and the schema. Cacheable."""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from lib import csvsafe

from . import open_data, plans

PUBLIC = cache_control(public=True, max_age=3600)


def _licence() -> tuple[str, str]:
    settings = plans.settings()
    return settings["open_data_licence"], settings["open_data_licence_url"]


@require_GET
def index(request):
    licence, licence_url = _licence()
    return render(
        request,
        "programme/open_data.html",
        {
            "fields": open_data.field_docs(),
            "licence": licence,
            "licence_url": licence_url,
            "page_size": open_data.page_size(None),
            "max_page_size": plans.settings()["open_data_max_page_size"],
        },
    )


@require_GET
@PUBLIC
def schema(request):
    return JsonResponse(open_data.schema(), json_dumps_params={"ensure_ascii": False})


@require_GET
@PUBLIC
def products_json(request):
    size = open_data.page_size(request.GET.get("page_size"))
    on = timezone.localdate()
    try:
        page = open_data.paginate(on, request.GET.get("page") or 1, size)
    except InvalidPage:
        raise Http404 from None
    base = reverse("open_data:products_json")

    def link(number: int) -> str:
        suffix = f"&page_size={size}" if request.GET.get("page_size") else ""
        return f"{base}?page={number}{suffix}"

    licence, licence_url = _licence()
    return JsonResponse(
        {
            "licence": licence,
            "licence_url": licence_url,
            "schema": reverse("open_data:schema"),
            "generated_on": on.isoformat(),
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [open_data.as_record(row) for row in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@PUBLIC
def products_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ocop-certified-products.csv"'
    response.write("\ufeff")
    writer = csvsafe.writer(response)
    writer.writerow(open_data.COLUMNS)
    for row in open_data.records(timezone.localdate()).iterator(chunk_size=2000):
        record = open_data.as_record(row)
        writer.writerow([record[name] for name in open_data.COLUMNS])
    return response
