"""The EPCIS 2.0 REST query ``GET /epcis/events``: published events, filtered and paged.

Filters of the standard's SimpleEventQuery, values pipe-delimited as the REST binding says:
``EQ_bizStep``, ``MATCH_epc`` (units' SGTINs), ``MATCH_anyEPCClass`` (lots' LGTINs, as inputs
too), ``GE_eventTime``/``LT_eventTime`` (with a zone), ``EQ_bizLocation`` (a GLN or a fallback
place). Paging: ``perPage`` (at most `MAX_PER_PAGE`) and an opaque, signed ``nextPageToken``
that the ``Link: <…>; rel="next"`` header carries. Anything else is refused with a
``QueryParameterException`` (problem+json, in the visitor's language): a retailer's client
must not believe a filter was applied when it was not.

Two kinds of events are merged in time order: journey steps of published batches (rows),
and serialised label runs (one commissioning event each). A page is cut on the key
(event time, kind, id), so an event added meanwhile never shifts a later page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core import signing
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from . import epcis, gs1
from .places import FALLBACK_PLACE, Party

DEFAULT_PER_PAGE, MAX_PER_PAGE = 30, 100
SUPPORTED = {
    "EQ_bizStep",
    "MATCH_epc",
    "MATCH_anyEPCClass",
    "GE_eventTime",
    "LT_eventTime",
    "EQ_bizLocation",
    "perPage",
    "nextPageToken",
}
CBV_BIZ_STEPS = {
    "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
    "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
    "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
    "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
    "repackaging", "repairing", "replacing", "reserving", "retail_selling", "shipping",
    "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading",
    "unpacking", "void_shipping", "sensor_reporting", "sampling",
}  # fmt: skip
TOKEN_SALT = "traceability.epcis.page"


class QueryError(ValueError):
    """A filter the query cannot apply: ``param`` names it, ``message`` says why."""

    def __init__(self, param: str, message):
        super().__init__(str(message))
        self.param, self.message = param, message


UNSUPPORTED = _("This parameter is not supported here.")
NOT_A_URI = _("Each value must be a URI (values are separated by |).")
NOT_A_STEP = _("Each value must be a CBV business step, e.g. shipping, or a URI.")
NOT_A_TIME = _("Give a date and time with its zone, e.g. 2025-07-01T08:00:00+07:00.")
NOT_A_PAGE_SIZE = _("perPage is a whole number from 1 to %(max)s.")
BAD_TOKEN = _("This nextPageToken is not one this server gave: start from the first page.")
EMPTY = _("The parameter has no value.")


@dataclass
class Query:
    steps: set[str] | None = None
    epcs: list[str] | None = None
    classes: list[str] | None = None
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None
    locations: list[str] | None = None
    per_page: int = DEFAULT_PER_PAGE
    after: tuple | None = None  # (ISO time, 0 journey / 1 label run, id) of the last one shown
    params: dict = field(default_factory=dict)


def _is_uri(value: str) -> bool:
    scheme, sep, rest = value.partition(":")
    return bool(sep and rest and scheme[:1].isalpha() and " " not in value)


def _values(params, name: str) -> list[str] | None:
    if name not in params:
        return None
    values = [v for v in params[name].split("|") if v]
    if not values:
        raise QueryError(name, EMPTY)
    return values


def _uris(params, name: str) -> list[str] | None:
    values = _values(params, name)
    if values is not None and not all(_is_uri(v) for v in values):
        raise QueryError(name, NOT_A_URI)
    return values


def _time(params, name: str) -> datetime.datetime | None:
    if name not in params:
        return None
    value = params[name].strip().replace(" ", "+")  # a '+' that a client left unencoded
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise QueryError(name, NOT_A_TIME)
    return parsed


def parse(params) -> Query:
    """The query in ``params`` (a QueryDict or a dict), or QueryError for the first bad one."""
    for name in params:
        if name not in SUPPORTED:
            raise QueryError(name, UNSUPPORTED)
    query = Query(params={k: params[k] for k in params if k != "nextPageToken"})
    steps = _values(params, "EQ_bizStep")
    if steps is not None:
        if not all(s in CBV_BIZ_STEPS or _is_uri(s) for s in steps):
            raise QueryError("EQ_bizStep", NOT_A_STEP)
        query.steps = set(steps)
    query.epcs = _uris(params, "MATCH_epc")
    query.classes = _uris(params, "MATCH_anyEPCClass")
    query.locations = _uris(params, "EQ_bizLocation")
    query.since, query.until = _time(params, "GE_eventTime"), _time(params, "LT_eventTime")
    if "perPage" in params:
        value = params["perPage"]
        if not value.isdigit() or not 1 <= int(value) <= MAX_PER_PAGE:
            raise QueryError("perPage", NOT_A_PAGE_SIZE % {"max": MAX_PER_PAGE})
        query.per_page = int(value)
    if "nextPageToken" in params:
        try:
            token = signing.loads(params["nextPageToken"], salt=TOKEN_SALT)
            when, source, pk = token["after"]
            query.after = (parse_datetime(when), int(source), int(pk))
            assert query.after[0] is not None and token["query"] == query.params
        except (signing.BadSignature, KeyError, TypeError, ValueError, AssertionError):
            raise QueryError("nextPageToken", BAD_TOKEN) from None
    return query


def next_token(query: Query, last: tuple) -> str:
    when, source, pk = last
    return signing.dumps(
        {"after": [when.isoformat(), source, pk], "query": query.params}, salt=TOKEN_SALT
    )


# Matching: the filters as database conditions.


def _kinds_for(steps: set[str]) -> list[str]:
    return [kind for kind, (_t, _a, step, _d) in epcis.EVENT_TYPES.items() if step in steps]


def _batches_for_classes(classes: list[str]):
    from .models import Batch

    match = Q(pk__in=[])
    for uri in classes:
        lot = gs1.parse_lot_uri(uri)
        if lot:
            match |= Q(gtin=lot[0], lot=lot[1])
        else:  # a batch without a GTIN is its printed URI
            match |= Q(gtin="", uri=uri)
    return Batch.objects.published().filter(match)


def _places_for(locations: list[str]) -> Q:
    match = Q(pk__in=[])
    for uri in locations:
        gln = gs1.parse_gln_uri(uri)
        if gln:
            match |= Q(gln=gln[0], extension=gln[1])
        elif uri.startswith(FALLBACK_PLACE) and uri[len(FALLBACK_PLACE) :].isdigit():
            match |= Q(pk=int(uri[len(FALLBACK_PLACE) :]), gln="")
    return match


def _after(at: str, source: int, after: tuple | None) -> Q:
    """Rows whose key (time, source, pk) comes after ``after``."""
    if after is None:
        return Q()
    when, last_source, pk = after
    if source > last_source:
        return Q(**{f"{at}__gte": when})
    if source < last_source:
        return Q(**{f"{at}__gt": when})
    return Q(**{f"{at}__gt": when}) | Q(**{at: when, "pk__gt": pk})


def journey_rows(query: Query):
    from .models import JourneyEvent, Place

    rows = JourneyEvent.objects.filter(batch__status="published", kind__in=list(epcis.EVENT_TYPES))
    if query.steps is not None:
        rows = rows.filter(kind__in=_kinds_for(query.steps))
    if query.epcs is not None:  # journey steps name lots (classes), never single units
        return rows.none()
    if query.classes is not None:
        batches = _batches_for_classes(query.classes)
        rows = rows.filter(Q(batch__in=batches) | Q(kind="processing", input_batches__in=batches))
    if query.locations is not None:
        rows = rows.filter(location__in=Place.objects.filter(_places_for(query.locations)))
    if query.since:
        rows = rows.filter(occurred_at__gte=query.since)
    if query.until:
        rows = rows.filter(occurred_at__lt=query.until)
    rows = rows.filter(_after("occurred_at", 0, query.after)).distinct()
    return rows.select_related("batch__partner", "location", "counterparty__partner").order_by(
        "occurred_at", "pk"
    )


def run_rows(query: Query):
    from .models import LabelRun, Serial

    runs = LabelRun.objects.filter(
        batch__status="published", serialised=True, status=LabelRun.Status.DONE
    ).annotate(at=Coalesce(F("finished_at"), F("created_at")))
    if query.steps is not None and "commissioning" not in query.steps:
        return runs.none()
    if query.classes is not None:  # a run lists units (EPCs), never a class
        return runs.none()
    if query.epcs is not None:
        match = Q(pk__in=[])
        for uri in query.epcs:
            unit = gs1.parse_serial_uri(uri)
            if unit:
                match |= Q(batch__gtin=unit[0], code=unit[1])
        runs = runs.filter(pk__in=Serial.objects.filter(match).values("run_id"))
    if query.since:
        runs = runs.filter(at__gte=query.since)
    if query.until:
        runs = runs.filter(at__lt=query.until)
    runs = runs.filter(_after("at", 1, query.after))
    return runs.select_related("batch__partner").order_by("at", "pk")


def _runs_at(query: Query, runs: list) -> list:
    """Label runs whose place (see epcis._located_before) is one asked for."""
    if query.locations is None or not runs:
        return runs
    places = _located(runs)
    from .models import Place

    wanted = set(Place.objects.filter(_places_for(query.locations)).values_list("pk", flat=True))
    return [r for r in runs if places.get(r.pk) is not None and places[r.pk].pk in wanted]


def _located(runs: list) -> dict:
    steps: dict[int, list] = {}
    for event in epcis.journey([r.batch_id for r in runs]):
        steps.setdefault(event.batch_id, []).append(event)
    return {r.pk: epcis._located_before(steps.get(r.batch_id, []), r.at) for r in runs}


def run_query(query: Query) -> tuple[list[dict], tuple | None]:
    """One page of events as EPCIS dicts, and the key to continue after (None: last page)."""
    from .models import JourneyEvent, Serial

    limit = query.per_page + 1
    rows = list(journey_rows(query).prefetch_related("input_batches")[:limit])
    # Runs are few; the place filter needs their journeys, so they are read in a wider slice.
    runs: list = []
    slice_start = 0
    candidates = run_rows(query)
    while len(runs) < limit:
        chunk = list(candidates[slice_start : slice_start + 200])
        runs += _runs_at(query, chunk)
        if len(chunk) < 200:
            break
        slice_start += 200
    keyed = [((e.occurred_at, 0, e.pk), e) for e in rows] + [((r.at, 1, r.pk), r) for r in runs]
    keyed.sort(key=lambda pair: pair[0])
    page, more = keyed[: query.per_page], len(keyed) > query.per_page
    partners = {item.batch.partner_id for _key, item in page}
    parties = {p.partner_id: p for p in Party.objects.filter(partner_id__in=partners)}
    steps = [item for key, item in page if key[1] == 0]
    fixes = {e.corrects_id: e for e in JourneyEvent.objects.filter(corrects__in=steps)}
    page_runs = [item for key, item in page if key[1] == 1]
    places = _located(page_runs)
    codes: dict[int, list[str]] = {}
    for run_id, code in (
        Serial.objects.filter(run__in=page_runs).order_by("pk").values_list("run_id", "code")
    ):
        codes.setdefault(run_id, []).append(code)
    events = []
    for key, item in page:
        batch = item.batch
        party = parties.get(batch.partner_id) or Party(partner=batch.partner)
        if key[1] == 0:
            events.append(epcis.event_json(batch, item, fixes, party))
        else:
            events.append(
                epcis.commissioning_json(
                    batch, item, codes.get(item.pk, []), places.get(item.pk), party
                )
            )
    return events, (page[-1][0] if more else None)
