"""The pages behind the printed codes: the origin page, its EPCIS twin and the counterfeit page.

These views skip ATOMIC_REQUESTS: they only read, plus the scan (buffered in Redis, or one
INSERT: scan_buffer.py), and a failed insert must not poison a transaction the rest of the
page still needs.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, unquote, urlencode, urlsplit

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lib import pagecache

from . import epcis, epcis_views, gs1, lookup, scans
from .forms import ReportForm
from .models import Serial

MAX_PATH = 400  # longer than any code we print, by far
LOCATION_UNAVAILABLE = _("Your location could not be recorded just now: try again later.")

logger = logging.getLogger(__name__)


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
        product = lookup.product_for_gtin(candidates[0].gtin)
        if product is not None:  # a bare GTIN: the product's page in the shop
            return HttpResponseRedirect(product.get_absolute_url())
    found = lookup.resolve_digital_link(candidates)
    return respond(request, found)


@transaction.non_atomic_requests
@require_safe
@never_cache
def short_code(request, code: str):
    """``/t/<code>``: batches and units of products without a GTIN."""
    return respond(request, lookup.resolve_short_code(code))


def respond(request, found: lookup.Origin | None):
    switched = switch_language(request, urlsplit(found.code_uri).path if found else request.path)
    if switched:
        return switched
    if wants_epcis(request):
        response = epcis_response(found)
    elif found is None:
        response = unknown_code(request)
    else:
        response = origin_page(request, found)
    patch_vary_headers(response, ["Accept"])
    return response


def switch_language(request, path: str, query: str = "") -> HttpResponse | None:
    """``?lang=en`` on these pages: remember the choice as Django's language switch does.

    A plain link, so it needs neither JavaScript nor a CSRF cookie, and it redirects to the
    clean address, so the scan is counted on the page it leads to, not twice.
    """
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        return None
    response = HttpResponseRedirect(path + (f"?{query}" if query else ""))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def epcis_response(found: lookup.Origin | None) -> HttpResponse:
    if found is None:
        return JsonResponse(
            {"type": "NotFound", "title": "This code is not registered with the marketplace."},
            status=404,
            content_type="application/problem+json",
        )
    document = epcis.batch_document(found.batch, settings.TRACE_BASE_URL, serial=found.serial)
    return epcis_views.with_versions(
        JsonResponse(
            document, content_type=epcis.CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
        )
    )


# The parts of an origin page that change with every scan are rendered apart and put into
# these holes of the rest of the page, which is cached per batch version and language.
HOLE_VERDICT, HOLE_LOCATE = "trace-verdict", "trace-locate"
HOLE_CODE_URL, HOLE_CODE_TEXT = "trace-code-url", "trace-code-text"


def origin_page(request, found: lookup.Origin) -> HttpResponse:
    # A reload by the same browser, or the shop's own link, is not another scan of a package.
    counted = request.GET.get("via") != "shop" and not scans.seen_recently(request, found)
    scan = scans.record_scan(request, found) if counted else None
    scans.count_buffered(found)  # done by record_scan when it buffered the scan
    serial = found.serial
    scanned = found.previous_scans + (1 if counted else 0)
    suspicious = serial is not None and serial.is_suspicious(scanned)
    verdict = render_to_string(
        "traceability/_verdict.html",
        {
            "serial": serial,
            "scans": scanned,
            "first_scanned_at": found.first_scanned_at,
            "suspicious": suspicious,
            "flag_label": Serial.Flag(serial.flag).label if serial and serial.flag else "",
            # A warning lifted after review: the page says so while no new evidence arrives.
            "cleared_at": serial.cleared_at if serial and not suspicious else None,
        },
    )
    locate = (
        render_to_string(
            "traceability/_locate.html",
            # Rendered per scan: its script carries this response's CSP nonce.
            {"scan_token": scans.scan_token(scan, request), "csp_nonce": csp_nonce(request)},
        )
        if scan
        else ""
    )
    code_uri = found.code_uri
    html = pagecache.fill_holes(
        page_shell(found),
        {
            HOLE_VERDICT: verdict,
            HOLE_LOCATE: locate,
            HOLE_CODE_URL: quote(code_uri, safe=""),
            HOLE_CODE_TEXT: escape(code_uri),
        },
    )
    response = HttpResponse(html)
    if scan is not None:
        scans.remember_seen(response, request, found)
    return response


def csp_nonce(request) -> str:
    """This response's Content-Security-Policy nonce (django-csp), for the per-scan script."""
    return str(getattr(request, "csp_nonce", ""))


def page_shell(found: lookup.Origin) -> str:
    """The page of a batch in the visitor's language, with holes; rendered once per version."""
    if found.page is not None:
        return found.page
    batch = found.batch
    context = {
        "origin": found,
        "batch": batch,
        "product": batch.product,
        "producer": lookup.producer_of(batch),
        "rating": getattr(batch.product, "current_rating", None),
        "verdict": pagecache.marker(HOLE_VERDICT),
        "locate": pagecache.marker(HOLE_LOCATE),
        "code_url": pagecache.marker(HOLE_CODE_URL),
        "code_text": pagecache.marker(HOLE_CODE_TEXT),
    }
    html = render_to_string("traceability/origin.html", context)
    lookup.remember_page(batch, html)
    return html


def unknown_code(request, status: int = 404) -> HttpResponse:
    form = ReportForm(initial={"code": request.build_absolute_uri()[:500]})
    return render(request, "traceability/unknown_code.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """A shopper reports a code the marketplace does not know, or one that looks copied."""
    code = request.GET.get("code", "")[:500]
    query = urlencode({"code": code}) if code else ""
    if request.method != "POST":
        switched = switch_language(request, request.path, query)
        if switched:
            return switched
        form = ReportForm(initial={"code": code})
        lang_query = f"?{query}&lang=" if query else "?lang="
        ctx = {"form": form, "lang_query": lang_query, "reported": reported_origin(code)}
        return render(request, "traceability/report.html", ctx)
    if not scans.within_rate(request, bucket="report"):
        return render(request, "traceability/report_thanks.html", {"limited": True}, status=429)
    form = ReportForm(request.POST)
    reported = reported_origin(request.POST.get("code", "")[:500])
    if form.is_valid():
        if not form.cleaned_data.get("website"):  # the honeypot stays empty for people
            form.save()
        return render(request, "traceability/report_thanks.html", {"reported": reported})
    ctx = {"form": form, "reported": reported}
    return render(request, "traceability/report.html", ctx, status=400)


def reported_origin(code: str) -> lookup.Origin | None:
    """The batch (and unit) a reported code names, so the report page can say which product."""
    path = unquote(urlsplit(code).path).strip("/") if code else ""
    if not path or len(path) > MAX_PATH:
        return None
    if path.startswith("t/"):
        return lookup.resolve_short_code(path[2:])
    return lookup.resolve_digital_link(gs1.digital_link_candidates(path))


@csrf_exempt  # the signed token of the visitor's own page view stands in for a CSRF cookie
@transaction.non_atomic_requests
@require_POST
def locate(request):
    """The visitor agreed to share a coarse location for the scan they just made.

    204 when recorded; otherwise JSON with an ``error`` code and a ``message`` to show.
    """
    try:
        if not scans.within_rate(request, bucket="locate"):
            raise scans.LocationRefused(*scans.FLOOD)
        scans.record_location(
            request,
            request.POST.get("token", "")[:500],
            request.POST.get("lat", "")[:20],
            request.POST.get("lon", "")[:20],
        )
    except scans.LocationRefused as refused:
        return JsonResponse(
            {"error": refused.code, "message": str(refused.message)}, status=refused.status
        )
    except DatabaseError:
        logger.exception("could not record a location")
        return JsonResponse(
            {"error": "unavailable", "message": str(LOCATION_UNAVAILABLE)}, status=503
        )
    return HttpResponse(status=204)
