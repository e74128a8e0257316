"""A batch's journey as a GS1 EPCIS 2.0 JSON-LD document, for portals and retailers.

Each journey step becomes the EPCIS event type that fits it: harvest commissions the lot
(ObjectEvent, ADD), processing makes it (TransformationEvent), packing puts it into cases
(AggregationEvent) and the other steps observe it (ObjectEvent, OBSERVE). A corrected
event carries an ``errorDeclaration`` that points at its correction, as EPCIS 2.0 asks.
Identifiers are GS1 Digital Link URIs on id.gs1.org; what EPCIS has no field for (who,
where in words, what was done) goes under the ``ocop:`` namespace declared in the context.
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from . import gs1

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
CANONICAL_DL = "https://id.gs1.org"
CONTENT_TYPE = "application/ld+json"

# kind → (EPCIS type, action, CBV bizStep, CBV disposition)
EVENT_TYPES = {
    "cultivation": ("ObjectEvent", "OBSERVE", "other", "in_progress"),
    "harvest": ("ObjectEvent", "ADD", "commissioning", "active"),
    "processing": ("TransformationEvent", None, "creating_class_instance", "active"),
    "packing": ("AggregationEvent", "ADD", "packing", "container_closed"),
    "inspection": ("ObjectEvent", "OBSERVE", "inspecting", "conformant"),
    "storage": ("ObjectEvent", "OBSERVE", "storing", "sellable_not_accessible"),
    "shipping": ("ObjectEvent", "OBSERVE", "shipping", "in_transit"),
}

# Units cooperatives type, as UN/ECE Recommendation 20 codes; a count of items has none.
UOM = {"kg": "KGM", "g": "GRM", "gram": "GRM", "tấn": "TNE", "l": "LTR", "lít": "LTR", "ml": "MLT"}


def lot_class_uri(batch) -> str:
    """The batch as an EPC class: the canonical Digital Link of GTIN and lot."""
    if batch.gtin:
        return gs1.DigitalLink(batch.gtin, batch.lot).uri(CANONICAL_DL)
    return batch.code_uri()


def _urn(batch, name: str) -> str:
    """A stable UUID URN, the same every time the document is asked for."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{batch.code_uri()}#{name}')}"


def event_id(batch, pk: int) -> str:
    return _urn(batch, f"event-{pk}")


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


def event_json(batch, event, corrections: dict[int, object]) -> dict:
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
    quantity = [_quantity(batch)]
    if kind == "ObjectEvent":
        data["epcList"] = []
        data["quantityList"] = quantity
    elif kind == "TransformationEvent":
        data["transformationID"] = _urn(batch, f"transformation-{event.pk}")
        data["outputQuantityList"] = quantity
    elif kind == "AggregationEvent":
        # The cases are not identified themselves; a stable URN stands for them.
        data["parentID"] = _urn(batch, f"case-{event.pk}")
        data["childQuantityList"] = quantity
    data["bizStep"] = biz_step
    data["disposition"] = disposition
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
    return data


def document(batch, events, base_url: str) -> dict:
    """The EPCIS 2.0 document of ``batch`` with ``events`` (oldest first).

    Corrections of the batch's own facts are no EPCIS events: the document carries the
    corrected facts (lot, expiry, quantity) instead.
    """
    events = [e for e in events if e.kind in EVENT_TYPES]
    corrections = {e.corrects_id: e for e in events if e.corrects_id}
    return {
        "@context": [EPCIS_CONTEXT, {"ocop": f"{base_url.rstrip('/')}/ns/traceability#"}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": _time(timezone.now())[0],
        "epcisBody": {"eventList": [event_json(batch, e, corrections) for e in events]},
    }
