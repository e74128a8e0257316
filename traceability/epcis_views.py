"""EPCIS for machines: the REST query interface and the ``ocop:`` extension vocabulary."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import epcis, epcis_query, scans

EPCIS_VERSION = CBV_VERSION = "2.0.0"
MAX_QUERY = 4000  # characters: longer query strings are refused before parsing


def with_versions(response: HttpResponse) -> HttpResponse:
    """The EPCIS and CBV versions a document follows, as the REST binding's headers say."""
    response["GS1-EPCIS-Version"] = EPCIS_VERSION
    response["GS1-CBV-Version"] = CBV_VERSION
    return response


def _headers(response: HttpResponse) -> HttpResponse:
    response["GS1-EPCIS-Version"] = EPCIS_VERSION
    response["GS1-CBV-Version"] = CBV_VERSION
    response["GS1-Extensions"] = f"ocop={epcis.namespace(settings.TRACE_BASE_URL)}"
    response["Access-Control-Allow-Origin"] = "*"  # public data, read by other sites' clients
    response["Access-Control-Expose-Headers"] = "Link, GS1-EPCIS-Version, GS1-CBV-Version"
    return response


def problem(param: str, message: str, status: int = 400) -> HttpResponse:
    """An EPCIS query exception as RFC 7807 problem+json, in the visitor's language."""
    body = {
        "type": "epcisException:QueryParameterException",
        "title": message if status == 429 else _("The query has a parameter that cannot be used."),
        "status": status,
        "detail": f"{param}: {message}",
        "ocop:parameter": param,
    }
    response = JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
    return _headers(response)


@transaction.non_atomic_requests
@require_http_methods(["GET", "HEAD", "OPTIONS"])
def events(request):
    """``GET /epcis/events``: published events as an EPCISQueryDocument, a page at a time.

    ``OPTIONS`` answers the REST binding's discovery: versions and extensions, no body."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return _headers(response)
    if not scans.within_rate(request, bucket="epcis"):  # per address, as scans are
        response = problem("rate", _("Too many queries from this address: wait a minute."), 429)
        response["Retry-After"] = "60"
        return response
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY:
        return problem("query", _("The query is too long."), status=414)
    params = request.GET.dict()  # NUL was refused before (lib.http.NulInUrlMiddleware)
    try:
        query = epcis_query.parse(params)
    except epcis_query.QueryError as refused:
        return problem(refused.param, str(refused.message))
    found, last = epcis_query.run_query(query)
    document = {
        "@context": [epcis.EPCIS_CONTEXT, {"ocop": epcis.namespace(settings.TRACE_BASE_URL)}],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.localtime().isoformat(timespec="seconds"),
        "epcisBody": {
            "queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": found}}
        },
    }
    wants_ld = "application/ld+json" in request.headers.get("Accept", "")
    response = JsonResponse(
        document,
        content_type=epcis.CONTENT_TYPE if wants_ld else "application/json",
        json_dumps_params={"ensure_ascii": False},
    )
    if last is not None:
        following = {**query.params, "nextPageToken": epcis_query.next_token(query, last)}
        response["Link"] = f'<{request.path}?{urlencode(following)}>; rel="next"'
    response["Vary"] = "Accept, Accept-Language"
    return _headers(response)


# The ``ocop:`` terms the EPCIS documents use, each with what it means (English, Vietnamese).
TERMS = {
    "step": (
        "The journey step as the cooperative named it (cultivation, harvest, processing, "
        "packing, inspection, storage, shipping, receiving, serialisation).",
        "Công đoạn của hành trình theo cách hợp tác xã ghi.",
    ),
    "place": ("Where, in the cooperative's own words.", "Nơi thực hiện, theo lời hợp tác xã."),
    "actor": (
        "Who did it: the person, team or company, in the cooperative's own words.",
        "Người, tổ hoặc đơn vị thực hiện.",
    ),
    "description": ("What was done.", "Công việc đã làm."),
    "party": (
        "The cooperative responsible for the event: its party GLN (or fallback identifier).",
        "Hợp tác xã chịu trách nhiệm về sự kiện: mã GLN chủ thể (hoặc mã thay thế).",
    ),
    "corrects": (
        "The eventID of the earlier event this one corrects.",
        "Mã sự kiện trước đó mà sự kiện này đính chính.",
    ),
    "labelRun": (
        "The label run that gave these units their serials.",
        "Lượt in tem đã cấp số sê-ri cho các đơn vị này.",
    ),
    "fallbackIdentifiers": (
        "True when a place, party, unit or product in this event has no GS1 key and carries "
        "the marketplace's own identifier (urn:ocop:…) instead.",
        "Đúng khi nơi chốn, chủ thể, đơn vị hoặc sản phẩm chưa có mã GS1 và dùng mã thay thế "
        "của sàn (urn:ocop:…).",
    ),
    "parameter": (
        "In a query error: the parameter that was refused.",
        "Trong lỗi truy vấn: tham số bị từ chối.",
    ),
}
TYPES = {"corrects": "@id", "party": "@id", "fallbackIdentifiers": "xsd:boolean"}


def extension_context(base_url: str) -> dict:
    """A JSON-LD context for the ``ocop:`` terms, with a description of each in @graph."""
    ns = epcis.namespace(base_url)
    context: dict = {
        "@version": 1.1,
        "ocop": ns,
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
    for term in TERMS:
        context[term] = {"@id": f"ocop:{term}"}
        if term in TYPES:
            context[term]["@type"] = TYPES[term]
    graph = [
        {
            "@id": f"ocop:{term}",
            "@type": "rdf:Property",
            "rdfs:label": term,
            "rdfs:comment": [{"@value": en, "@language": "en"}, {"@value": vi, "@language": "vi"}],
        }
        for term, (en, vi) in TERMS.items()
    ]
    return {"@context": context, "@id": ns, "@graph": graph}


@require_safe
def namespace(request):
    """``/ns/traceability``: what the ``ocop:`` namespace IRI resolves to."""
    response = JsonResponse(
        extension_context(settings.TRACE_BASE_URL),
        content_type=epcis.CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    return response
