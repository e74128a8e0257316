"""The pages behind the printed codes: the origin page, its EPCIS twin and the counterfeit page.

These views skip ATOMIC_REQUESTS: they only read, plus one INSERT for the scan log, and a
failed insert must not poison a transaction the rest of the page still needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from . import epcis, gs1, origin
from .forms import ReportForm
from .models import JourneyEvent, Serial

MAX_PATH = 400  # longer than any code we print, by far
# The product, cooperative and journey parts of the page are cached this long per batch
# version (editing the batch or adding a step starts a new version at once).
ORIGIN_CACHE_SECONDS = 300


def wants_epcis(request) -> bool:
    if request.GET.get("format", "").lower() in ("epcis", "jsonld", "json-ld"):
        return True
    if request.GET.get("linkType", "") in ("gs1:epcis", "epcis"):
        return True
    return "application/ld+json" in request.headers.get("Accept", "")


@transaction.non_atomic_requests
@require_safe
@never_cache
def digital_link(request, rest: str):
    """``/01/<GTIN-14>/10/<lot>[/21/<serial>]``: the GS1 Digital Link resolver."""
    path = f"{gs1.AI_GTIN}/{rest}"
    candidates = gs1.digital_link_candidates(path) if len(path) <= MAX_PATH else []
    if candidates and all(c.lot is None and c.serial is None for c in candidates):
        product = origin.product_for_gtin(candidates[0].gtin)
        if product is not None:  # a bare GTIN: the product's page in the shop
            return HttpResponseRedirect(product.get_absolute_url())
    found = origin.resolve_digital_link(candidates)
    return respond(request, found)


@transaction.non_atomic_requests
@require_safe
@never_cache
def short_code(request, code: str):
    """``/t/<code>``: batches and units of products without a GTIN."""
    return respond(request, origin.resolve_short_code(code))


def respond(request, found: origin.Origin | None):
    if wants_epcis(request):
        response = epcis_response(found)
    elif found is None:
        response = unknown_code(request)
    else:
        response = origin_page(request, found)
    patch_vary_headers(response, ["Accept"])
    return response


def epcis_response(found: origin.Origin | None) -> HttpResponse:
    if found is None:
        return JsonResponse(
            {"type": "NotFound", "title": "This code is not registered with the marketplace."},
            status=404,
            content_type="application/problem+json",
        )
    events = JourneyEvent.objects.filter(batch=found.batch).order_by("occurred_at", "pk")
    document = epcis.document(found.batch, events, settings.TRACE_BASE_URL)
    return JsonResponse(
        document, content_type=epcis.CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def origin_page(request, found: origin.Origin) -> HttpResponse:
    scan = origin.record_scan(request, found)
    serial = found.serial
    scans = found.previous_scans + 1
    suspicious = serial is not None and (
        bool(serial.flag) or scans > settings.TRACE_SERIAL_SCAN_LIMIT
    )
    context = {
        "origin": found,
        "batch": found.batch,
        "product": found.batch.product,
        "producer": origin.producer_of(found.batch),
        "rating": getattr(found.batch.product, "current_rating", None),
        "serial": serial,
        "scans": scans,
        "first_scanned_at": found.first_scanned_at,
        "suspicious": suspicious,
        "flag_label": Serial.Flag(serial.flag).label if serial and serial.flag else "",
        "scan_token": origin.scan_token(scan) if scan else "",
        "cache_seconds": ORIGIN_CACHE_SECONDS,
        "report_form": ReportForm(initial={"code": found.code_uri}),
        "next_path": urlsplit(found.code_uri).path,
    }
    return render(request, "traceability/origin.html", context)


def unknown_code(request, status: int = 404) -> HttpResponse:
    form = ReportForm(initial={"code": request.build_absolute_uri()[:500]})
    return render(request, "traceability/unknown_code.html", {"form": form}, status=status)


@require_POST
def report(request):
    """A shopper reports a code the marketplace does not know, or one that looks copied."""
    form = ReportForm(request.POST)
    if not origin.within_rate(request, bucket="report"):
        return render(request, "traceability/report_thanks.html", {"limited": True}, status=429)
    if form.is_valid():
        if not form.cleaned_data.get("website"):  # the honeypot stays empty for people
            form.save()
        return render(request, "traceability/report_thanks.html", {})
    return render(
        request, "traceability/unknown_code.html", {"form": form, "reporting": True}, status=400
    )


@csrf_exempt  # the signed, one-hour token stands in for the CSRF cookie the page never set
@transaction.non_atomic_requests
@require_POST
def locate(request):
    """The visitor agreed to share a coarse location for the scan they just made."""
    if not origin.within_rate(request, bucket="locate"):
        return HttpResponse(status=429)
    ok = origin.record_location(
        request.POST.get("token", "")[:500],
        request.POST.get("lat", "")[:20],
        request.POST.get("lon", "")[:20],
    )
    return HttpResponse(status=204 if ok else 400)
