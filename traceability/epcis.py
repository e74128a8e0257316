"""A batch's journey as a GS1 EPCIS 2.0 JSON-LD document, for portals and retailers.

Each event answers who, what, where, when and why (GS1 Global Traceability Standard,
TCVN 12850:2019). What: the lot (LGTIN class) or the units (SGTINs); where: the place's GLN
as ``readPoint`` and ``bizLocation``; when: the time with its zone; why: the CBV business
step and disposition; who: the parties (PGLN) in ``sourceList``/``destinationList`` where
goods change hands, ``ocop:party`` elsewhere.

Each journey step becomes the EPCIS event type that fits it: harvest commissions the lot
(ObjectEvent, ADD), processing makes it from its input lots (TransformationEvent), packing
puts it into a shipping unit with an SSCC (AggregationEvent), shipping and receiving move it
between parties, the other steps observe it (ObjectEvent, OBSERVE). A serialised label run
commissions its units (ObjectEvent, ADD, listing their SGTINs). A corrected event carries an
``errorDeclaration`` that points at its correction, as EPCIS 2.0 asks.

Identifiers are GS1 Digital Link URIs on id.gs1.org. A cooperative without a GS1 company
prefix gets the fallback identifiers of places.py; such events say
``"ocop:fallbackIdentifiers": true``. What EPCIS has no field for goes under the ``ocop:``
namespace, described by the JSON-LD context at ``/ns/traceability`` (see `extension_context`).
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from . import gs1
from .places import FALLBACK_UNIT, party_of

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
CANONICAL_DL = gs1.CANONICAL_DL
CONTENT_TYPE = "application/ld+json"
NAMESPACE_PATH = "/ns/traceability"

# kind → (EPCIS type, action, CBV bizStep, CBV disposition)
EVENT_TYPES = {
    "cultivation": ("ObjectEvent", "OBSERVE", "other", "in_progress"),
    "harvest": ("ObjectEvent", "ADD", "commissioning", "active"),
    "processing": ("TransformationEvent", None, "creating_class_instance", "active"),
    "packing": ("AggregationEvent", "ADD", "packing", "container_closed"),
    "inspection": ("ObjectEvent", "OBSERVE", "inspecting", "conformant"),
    "storage": ("ObjectEvent", "OBSERVE", "storing", "sellable_not_accessible"),
    "shipping": ("ObjectEvent", "OBSERVE", "shipping", "in_transit"),
    "receiving": ("ObjectEvent", "OBSERVE", "receiving", "in_progress"),
}
TRANSFERS = ("shipping", "receiving")  # goods change hands: parties named in source/destination
SERIAL_COMMISSIONING = ("ObjectEvent", "ADD", "commissioning", "active")

# Units cooperatives type, as UN/ECE Recommendation 20 codes; a count of items has none.
UOM = {"kg": "KGM", "g": "GRM", "gram": "GRM", "tấn": "TNE", "l": "LTR", "lít": "LTR", "ml": "MLT"}


def namespace(base_url: str) -> str:
    return f"{base_url.rstrip('/')}{NAMESPACE_PATH}#"


def lot_class_uri(batch) -> str:
    """The batch as an EPC class: the canonical Digital Link of GTIN and lot."""
    if batch.gtin:
        return gs1.DigitalLink(batch.gtin, batch.lot).uri(CANONICAL_DL)
    return batch.code_uri()


def serial_epc_uri(batch, serial: str) -> str:
    """One unit as an EPC: its SGTIN as a canonical Digital Link (else its printed URI)."""
    if batch.gtin:
        return gs1.DigitalLink(batch.gtin, None, serial).uri(CANONICAL_DL)
    return batch.serial_uri(serial)


def _urn(batch, name: str) -> str:
    """A stable UUID URN, the same every time the document is asked for."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{batch.code_uri()}#{name}')}"


def event_id(batch, pk: int) -> str:
    return _urn(batch, f"event-{pk}")


def run_event_id(batch, run_pk: int) -> str:
    return _urn(batch, f"serials-{run_pk}")


def _time(value: datetime.datetime) -> tuple[str, str]:
    local = timezone.localtime(value)
    offset = local.strftime("%z")
    return local.isoformat(timespec="seconds"), f"{offset[:3]}:{offset[3:]}"


def _quantity(batch) -> dict:
    element = {"epcClass": lot_class_uri(batch), "quantity": batch.quantity}
    uom = UOM.get((batch.unit or "").strip().lower())
    if uom:
        element["uom"] = uom
    return element


def _parties(kind: str, own: str, other: str | None) -> dict:
    """Source and destination of goods changing hands: owner and holder on both sides."""
    sender, receiver = (own, other) if kind == "shipping" else (other, own)
    data: dict = {}
    if sender:
        data["sourceList"] = [
            {"type": "owning_party", "source": sender},
            {"type": "possessing_party", "source": sender},
        ]
    if receiver:
        data["destinationList"] = [
            {"type": "owning_party", "destination": receiver},
            {"type": "possessing_party", "destination": receiver},
        ]
    return data


def _where(place) -> dict:
    if place is None:
        return {}
    uri = place.uri()
    return {"readPoint": {"id": uri}, "bizLocation": {"id": uri}}


def _inputs(event) -> list:
    """The lots a step was made from (prefetched by `batch_document`)."""
    inputs = getattr(event, "input_batches", None)
    return list(inputs.all()) if inputs is not None and getattr(event, "pk", None) else []


def _party(batch):
    return party_of(batch.partner) if getattr(batch, "partner_id", None) else None


def event_json(batch, event, corrections: dict[int, object], party=None) -> dict:
    """One journey step as an EPCIS event; ``party`` is the batch's cooperative (places.py),
    looked up when not given."""
    party = party if party is not None else _party(batch)
    kind, action, biz_step, disposition = EVENT_TYPES[event.kind]
    when, offset = _time(event.occurred_at)
    data: dict = {
        "type": kind,
        "eventID": event_id(batch, event.pk),
        "eventTime": when,
        "recordTime": _time(event.created_at)[0],
        "eventTimeZoneOffset": offset,
    }
    if action:
        data["action"] = action
    fallback = not batch.gtin
    quantity = [_quantity(batch)]
    if kind == "ObjectEvent":
        data["quantityList"] = quantity
    elif kind == "TransformationEvent":
        # Without recorded input lots, the lot's own raw material (harvested) goes in.
        inputs = _inputs(event)
        data["inputQuantityList"] = [{"epcClass": lot_class_uri(b)} for b in inputs] or [
            {"epcClass": lot_class_uri(batch)}
        ]
        data["outputQuantityList"] = quantity
        data["transformationID"] = _urn(batch, f"transformation-{event.pk}")
        fallback = fallback or any(not b.gtin for b in inputs)
    elif kind == "AggregationEvent":
        sscc = getattr(event, "sscc", "")
        data["parentID"] = (
            gs1.sscc_uri(sscc) if sscc else f"{FALLBACK_UNIT}{event_id(batch, event.pk)[9:]}"
        )
        data["childQuantityList"] = quantity
        fallback = fallback or not sscc
    data["bizStep"] = biz_step
    data["disposition"] = disposition
    place = getattr(event, "location", None)
    data.update(_where(place))
    fallback = fallback or place is None or not place.gln
    if party is not None:
        own = party.uri()
        fallback = fallback or party.is_fallback
        if event.kind in TRANSFERS:
            other = getattr(event, "counterparty", None)
            data.update(_parties(event.kind, own, other.uri() if other else None))
            fallback = fallback or other is None or other.is_fallback
        else:
            data["ocop:party"] = own
    if event.kind == "harvest":
        ilmd = {"cbvmda:lotNumber": batch.lot, "cbvmda:countryOfOrigin": "VN"}
        if batch.expires_on:
            ilmd["cbvmda:itemExpirationDate"] = batch.expires_on.isoformat()
        data["ilmd"] = ilmd
    correction = corrections.get(event.pk)
    if correction is not None:
        data["errorDeclaration"] = {
            "declarationTime": _time(correction.created_at)[0],
            "reason": "incorrect_data",
            "correctiveEventIDs": [event_id(batch, correction.pk)],
        }
    data["ocop:step"] = event.kind
    data["ocop:place"] = event.place
    data["ocop:actor"] = event.actor
    if event.description:
        data["ocop:description"] = event.description
    if event.corrects_id:
        data["ocop:corrects"] = event_id(batch, event.corrects_id)
    if fallback:
        data["ocop:fallbackIdentifiers"] = True
    return data


def commissioning_json(batch, run, serials: list[str], place=None, party=None) -> dict:
    """A serialised label run: the units it gave serials to come into being (SGTINs)."""
    kind, action, biz_step, disposition = SERIAL_COMMISSIONING
    when, offset = _time(run.finished_at or run.created_at)
    data: dict = {
        "type": kind,
        "eventID": run_event_id(batch, run.pk),
        "eventTime": when,
        "recordTime": _time(run.finished_at or run.created_at)[0],
        "eventTimeZoneOffset": offset,
        "action": action,
        "epcList": [serial_epc_uri(batch, code) for code in serials],
        "bizStep": biz_step,
        "disposition": disposition,
        **_where(place),
    }
    if party is not None:
        data["ocop:party"] = party.uri()
    data["ocop:step"] = "serialisation"
    data["ocop:labelRun"] = run.pk
    if not batch.gtin or place is None or not place.gln or (party and party.is_fallback):
        data["ocop:fallbackIdentifiers"] = True
    return data


def document(batch, events, base_url: str, *, extra=(), party=None) -> dict:
    """The EPCIS 2.0 document of ``batch`` with ``events`` (oldest first).

    ``extra`` are ready event dicts (units' commissioning, other batches' transformations
    that used this lot), merged in by time. Corrections of the batch's own facts are no
    EPCIS events: the document carries the corrected facts (lot, expiry, quantity) instead.
    """
    if hasattr(events, "select_related"):  # a queryset: what each event names, in 3 queries
        events = events.select_related("location", "counterparty__partner").prefetch_related(
            "input_batches"
        )
    events = [e for e in events if e.kind in EVENT_TYPES]
    corrections = {e.corrects_id: e for e in events if e.corrects_id}
    party = party if party is not None else _party(batch)
    body = [event_json(batch, e, corrections, party) for e in events]
    if extra:
        body = sorted(
            [*body, *extra], key=lambda e: datetime.datetime.fromisoformat(e["eventTime"])
        )
    return {
        "@context": [EPCIS_CONTEXT, {"ocop": namespace(base_url)}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": _time(timezone.now())[0],
        "epcisBody": {"eventList": body},
    }


# Reading them from the database: one batch's (and one unit's) events in a few queries.


def _located_before(steps: list, when) -> object | None:
    """Where a label run happened: the packing place, else the last place before it."""
    located = [e for e in steps if getattr(e, "location", None) is not None]
    packing = [e for e in located if e.kind == "packing"]
    earlier = [e for e in located if e.occurred_at <= when]
    chosen = (packing or earlier)[-1:] or located[:1]
    return chosen[0].location if chosen else None


def journey(batches) -> object:
    """Journey steps of ``batches`` with what their EPCIS events need, oldest first."""
    from .models import JourneyEvent

    return (
        JourneyEvent.objects.filter(batch__in=batches)
        .select_related("location", "counterparty__partner", "batch__partner")
        .prefetch_related("input_batches")
        .order_by("occurred_at", "pk")
    )


def batch_events(batch, serial=None) -> list[dict]:
    """Every EPCIS event about the lot: its journey, the transformations that used it, and
    its serialised units' commissioning (only ``serial``'s run when one unit is asked for)."""
    from .models import Batch, JourneyEvent, LabelRun, Serial

    party = _party(batch)
    steps = list(journey([batch]))
    kept = [e for e in steps if e.kind in EVENT_TYPES]
    corrections = {e.corrects_id: e for e in kept if e.corrects_id}
    events = [event_json(batch, e, corrections, party) for e in kept]
    # Transformations of other published batches that took this lot in ("one step forward").
    users = list(
        journey(Batch.objects.published()).filter(input_batches=batch).exclude(batch=batch)
    )
    if users:
        fixes = JourneyEvent.objects.filter(corrects__in=users).order_by("pk")
        fixed = {e.corrects_id: e for e in fixes}
        events += [event_json(e.batch, e, fixed) for e in users]
    runs = LabelRun.objects.filter(batch=batch, serialised=True, status=LabelRun.Status.DONE)
    if serial is not None:
        runs = runs.filter(serials__pk=serial.pk)  # the origin's unit may lack run_id
    codes: dict[int, list[str]] = {}
    for run_id, code in (
        Serial.objects.filter(run__in=runs).order_by("pk").values_list("run_id", "code")
    ):
        codes.setdefault(run_id, []).append(code)
    for run in runs.order_by("pk"):
        if codes.get(run.pk):
            place = _located_before(kept, run.finished_at or run.created_at)
            events.append(commissioning_json(batch, run, codes[run.pk], place, party))
    return sorted(events, key=lambda e: datetime.datetime.fromisoformat(e["eventTime"]))


def batch_document(batch, base_url: str, serial=None) -> dict:
    """The EPCIS document a batch's or a unit's URI answers with."""
    doc = document(batch, [], base_url)
    doc["epcisBody"]["eventList"] = batch_events(batch, serial)
    return doc
