"""EPCIS 2.0 events posted by a cooperative's software, read into journey steps: ObjectEvents,
TransformationEvents (processing, with its input lots) and AggregationEvents (packing).

The inverse of traceability's export (`traceability.epcis`): a step's kind follows from the
event's ``bizStep`` (or ``ocop:step``), and its place, actor and description come from the
``ocop:`` keys the export writes. What EPCIS says about the batch itself must name this batch
(its lot class, as the export writes it, or its code), so an event is never filed under another
batch. The journey step then goes through the dashboard's own form (`EventForm`): the same
rules for times, places, input lots (published batches only), corrections and append-only
journeys; a packed unit's SSCC is numbered by traceability, as in the dashboard.
"""

from __future__ import annotations

import datetime
import re

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import serializers

from traceability import epcis, gs1
from traceability.place_forms import MAX_INPUTS

# A step comes back as the EPCIS type the export writes it as: EPCIS type → kind → spec.
KINDS = {
    event_type: {kind: spec for kind, spec in epcis.EVENT_TYPES.items() if spec[0] == event_type}
    for event_type in ("ObjectEvent", "TransformationEvent", "AggregationEvent")
}
ACTIONS = ("ADD", "OBSERVE", "DELETE")
OFFSET = re.compile(r"^[+-](0\d|1[0-4]):[0-5]\d$")
VOCABULARY_PREFIXES = (
    "urn:epcglobal:cbv:bizstep:",
    "urn:epcglobal:cbv:disp:",
    "https://ref.gs1.org/cbv/BizStep-",
    "https://ref.gs1.org/cbv/Disp-",
    "cbv:BizStep-",
    "cbv:Disp-",
)


def bare(value: str) -> str:
    """A CBV value without its URN or URI prefix: ``urn:epcglobal:cbv:bizstep:storing`` → storing."""
    for prefix in VOCABULARY_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def batch_identifiers(batch) -> set[str]:
    names = {epcis.lot_class_uri(batch), batch.code_uri()}
    gtin = batch.gtin or batch.product_gtin(batch.product)
    if gtin:
        names.add(gs1.DigitalLink(gtin, batch.lot).uri(epcis.CANONICAL_DL))
    return names


class QuantitySerializer(serializers.Serializer):
    epcClass = serializers.CharField(max_length=500)  # noqa: N815 - EPCIS's own names
    quantity = serializers.FloatField(required=False, min_value=0)
    uom = serializers.CharField(required=False, max_length=10)


class LocationSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=500)


class SourceSerializer(serializers.Serializer):
    type = serializers.CharField(max_length=100)
    source = serializers.CharField(max_length=500)


class DestinationSerializer(serializers.Serializer):
    type = serializers.CharField(max_length=100)
    destination = serializers.CharField(max_length=500)


class EventSerializer(serializers.Serializer):
    """What every posted event has: when, why (bizStep, disposition), where, and the ``ocop:``
    keys. Each EPCIS type below adds what it says about the batch."""

    event_type = ""
    # The lists in which this event names the batch: its lot classes, its units.
    batch_classes, batch_units = "quantityList", "epcList"

    eventTime = serializers.CharField(max_length=40)  # noqa: N815 - EPCIS's own names
    eventTimeZoneOffset = serializers.CharField(max_length=6)  # noqa: N815
    bizStep = serializers.CharField(max_length=200)  # noqa: N815
    disposition = serializers.CharField(max_length=200, required=False)
    eventID = serializers.CharField(  # noqa: N815
        max_length=200, required=False, help_text="Ignored: the answer carries the event's own."
    )
    readPoint = LocationSerializer(required=False)  # noqa: N815
    bizLocation = LocationSerializer(required=False)  # noqa: N815
    place = serializers.CharField(max_length=200, required=False, help_text="ocop:place")
    actor = serializers.CharField(max_length=200, required=False, help_text="ocop:actor")
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="ocop:description"
    )
    description_en = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="ocop:description_en"
    )
    corrects = serializers.CharField(
        required=False, max_length=200, help_text="ocop:corrects: the eventID it corrects"
    )
    reason = serializers.CharField(
        required=False, max_length=1000, help_text="ocop:reason: why it corrects it"
    )

    OCOP_KEYS = ("step", "place", "actor", "description", "description_en", "corrects", "reason")

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = dict(data)
            for name in self.OCOP_KEYS:
                if f"ocop:{name}" in data:
                    data[name] = data.pop(f"ocop:{name}")
        return super().to_internal_value(data)

    def run_validation(self, data=serializers.empty):
        try:
            return super().run_validation(data)
        except serializers.ValidationError as refused:
            if isinstance(refused.detail, dict):  # errors point at the keys as sent
                refused.detail = {ocop_key(name): v for name, v in refused.detail.items()}
            raise

    def validate_eventTime(self, value):  # noqa: N802
        try:
            when = parse_datetime(value)
        except ValueError:  # well formed, but no such day or hour
            when = None
        if when is None or when.tzinfo is None or not 2000 <= when.year <= 2100:
            raise serializers.ValidationError(
                _("An ISO 8601 date and time with its offset, e.g. 2026-11-20T08:30:00+07:00.")
            )
        return when

    def validate_eventTimeZoneOffset(self, value):  # noqa: N802
        if not OFFSET.match(value):
            raise serializers.ValidationError(_("An offset such as +07:00."))
        return value

    def validate(self, data):
        errors = {}
        kinds = KINDS[self.event_type]
        biz_steps = {spec[2]: kind for kind, spec in kinds.items()}
        step = data.get("step") or biz_steps.get(bare(data["bizStep"]))
        if step is None:
            errors["bizStep"] = _("Use one of these business steps: %(steps)s.") % {
                "steps": ", ".join(sorted(biz_steps))
            }
        else:
            _type, action, biz_step, disposition = kinds[step]
            if bare(data["bizStep"]) != biz_step:
                errors["bizStep"] = _("The step %(step)s is written with bizStep %(biz)s.") % {
                    "step": step,
                    "biz": biz_step,
                }
            if data.get("action") != action:
                errors["action"] = _("The step %(step)s is written with action %(action)s.") % {
                    "step": step,
                    "action": action,
                }
            if data.get("disposition") and bare(data["disposition"]) != disposition:
                errors["disposition"] = _(
                    "The step %(step)s is written with disposition %(disposition)s."
                ) % {"step": step, "disposition": disposition}
        offset = data["eventTime"].utcoffset()
        if offset is not None and "eventTimeZoneOffset" not in errors:
            sign = "-" if offset < datetime.timedelta(0) else "+"
            minutes = abs(int(offset.total_seconds())) // 60
            if data["eventTimeZoneOffset"] != f"{sign}{minutes // 60:02d}:{minutes % 60:02d}":
                errors["eventTimeZoneOffset"] = _("It differs from the offset of eventTime.")
        if errors:
            raise serializers.ValidationError(errors)
        data["step"] = step
        return data


def ocop_key(name: str) -> str:
    """The posted key of one of our names: ``place`` → ``ocop:place``; EPCIS's own as they are."""
    return f"ocop:{name}" if name in EventSerializer.OCOP_KEYS else name


def _epcs(**kwargs):
    return serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, **kwargs
    )


class ObjectEventSerializer(EventSerializer):
    """An EPCIS 2.0 ObjectEvent about this batch (JSON-LD keys as in the standard)."""

    event_type = "ObjectEvent"
    type = serializers.ChoiceField(choices=[event_type])
    action = serializers.ChoiceField(choices=ACTIONS)
    epcList = _epcs(max_length=100)  # noqa: N815
    quantityList = QuantitySerializer(many=True, required=False, max_length=100)  # noqa: N815
    sourceList = SourceSerializer(many=True, required=False, max_length=10)  # noqa: N815
    destinationList = DestinationSerializer(many=True, required=False, max_length=10)  # noqa: N815
    step = serializers.ChoiceField(
        choices=sorted(KINDS[event_type]), required=False, help_text="ocop:step"
    )


class TransformationEventSerializer(EventSerializer):
    """An EPCIS 2.0 TransformationEvent: this batch (the output) made from the lots listed as
    inputs (a processing step). Inputs are published batches, the cooperative's own or another
    cooperative's, named by their lot class or code (or one of their units); none, or only this
    lot, means its own raw material."""

    event_type = "TransformationEvent"
    batch_classes, batch_units = "outputQuantityList", "outputEPCList"
    type = serializers.ChoiceField(choices=[event_type])
    inputQuantityList = QuantitySerializer(  # noqa: N815
        many=True, required=False, max_length=MAX_INPUTS
    )
    inputEPCList = _epcs(max_length=MAX_INPUTS)  # noqa: N815
    outputQuantityList = QuantitySerializer(  # noqa: N815
        many=True, required=False, max_length=100
    )
    outputEPCList = _epcs(max_length=100)  # noqa: N815
    transformationID = serializers.CharField(  # noqa: N815
        max_length=200, required=False, help_text="Ignored: the answer carries the step's own."
    )
    step = serializers.ChoiceField(
        choices=sorted(KINDS[event_type]), required=False, help_text="ocop:step"
    )

    def validate(self, data):
        inputs = len(data.get("inputQuantityList") or []) + len(data.get("inputEPCList") or [])
        if inputs > MAX_INPUTS:
            raise serializers.ValidationError(
                {"inputQuantityList": [_("At most %(max)s input lots.") % {"max": MAX_INPUTS}]}
            )
        return super().validate(data)


class AggregationEventSerializer(EventSerializer):
    """An EPCIS 2.0 AggregationEvent: this batch packed into a shipping unit (a packing step).
    The unit gets its SSCC from the cooperative's GS1 company prefix, as in the dashboard: the
    answer's ``parentID`` carries it."""

    event_type = "AggregationEvent"
    batch_classes, batch_units = "childQuantityList", "childEPCs"
    type = serializers.ChoiceField(choices=[event_type])
    action = serializers.ChoiceField(choices=ACTIONS)
    parentID = serializers.CharField(  # noqa: N815
        max_length=500,
        required=False,
        help_text="Leave it out: the marketplace numbers the packed unit (SSCC).",
    )
    childEPCs = _epcs(max_length=100)  # noqa: N815
    childQuantityList = QuantitySerializer(  # noqa: N815
        many=True, required=False, max_length=100
    )
    step = serializers.ChoiceField(
        choices=sorted(KINDS[event_type]), required=False, help_text="ocop:step"
    )

    def validate_parentID(self, value):  # noqa: N802
        raise serializers.ValidationError(
            _(
                "The marketplace gives each packed unit its SSCC from the cooperative's GS1 "
                "company prefix: leave parentID out; the answer carries it."
            )
        )


SERIALIZERS = {
    s.event_type: s
    for s in (ObjectEventSerializer, TransformationEventSerializer, AggregationEventSerializer)
}


def serializer_for(data) -> type[EventSerializer]:
    """The serializer of the posted event's ``type``; an unknown type is a field error."""
    if not isinstance(data, dict):
        return ObjectEventSerializer  # which answers that a JSON object is expected
    found = SERIALIZERS.get(data.get("type")) if isinstance(data.get("type"), str) else None
    if found is None:
        raise serializers.ValidationError(
            {
                "type": [
                    _("One of these event types: %(types)s.") % {"types": ", ".join(SERIALIZERS)}
                ]
            }
        )
    return found


def check_batch(data: dict, batch, serializer: type[EventSerializer]) -> None:
    """The event's identifiers of what it is about must name this batch."""
    classes, units = serializer.batch_classes, serializer.batch_units
    names = batch_identifiers(batch)
    errors = {}
    wrong = [i for i, item in enumerate(data.get(classes) or []) if item["epcClass"] not in names]
    if wrong:
        errors[classes] = {
            i: {"epcClass": [_("This is not the identifier of this batch.")]} for i in wrong
        }
    bad_epcs = [i for i, epc in enumerate(data.get(units) or []) if not _unit_of(epc, batch)]
    if bad_epcs:
        errors[units] = {i: [_("This is not a unit of this batch.")] for i in bad_epcs}
    if errors:
        raise serializers.ValidationError(errors)


def input_codes(data: dict, batch) -> list[str]:
    """The codes of the lots a processing step was made from, for the dashboard form to check.

    Only this lot itself (what the export writes for a step without recorded inputs) is none.
    """
    codes = [item["epcClass"] for item in data.get("inputQuantityList") or []]
    codes += list(data.get("inputEPCList") or [])
    if codes and all(_unit_of(code, batch) for code in codes):
        return []
    return codes


def _unit_of(epc: str, batch) -> bool:
    if epc in batch_identifiers(batch):
        return True
    return any(epc.startswith(name + f"/{gs1.AI_SERIAL}/") for name in batch_identifiers(batch))


def corrected_event(batch, event_id: str | None):
    """The journey step whose exported eventID is ``event_id`` (None if it names none)."""
    if not event_id:
        return None
    for event in batch.events.exclude(kind="correction"):
        if epcis.event_id(batch, event.pk) == event_id:
            return event
    raise serializers.ValidationError(
        {"ocop:corrects": [_("No step of this batch has this eventID.")]}
    )


def _ids(data: dict, *keys: tuple[str, str]) -> list[str]:
    found = []
    for key, inner in keys:
        value = data.get(key)
        for item in value if isinstance(value, list) else [value] if value else []:
            if item.get(inner):
                found.append(item[inner])
    return found


def place_of(data: dict, batch):
    """The cooperative's place named by bizLocation or readPoint, or its only place."""
    from traceability.places import Place

    places = list(Place.objects.filter(party__partner=batch.partner).select_related("party"))
    by_uri = {place.uri(): place for place in places}
    found = None
    for key in ("readPoint", "bizLocation"):  # the business location wins
        uri = (data.get(key) or {}).get("id")
        if uri is None:
            continue
        if uri not in by_uri:
            raise serializers.ValidationError(
                {key: [_("No place of this cooperative has this identifier.")]}
            )
        found = by_uri[uri]
    if found is None and len(places) == 1:
        return places[0]
    return found


def counterparty_of(data: dict, batch):
    """The other party of a shipment (destination) or a receipt (source), by its identifier."""
    from django.db.models import Q

    from traceability.places import Party

    key = (
        ("sourceList", "source")
        if data["step"] == "receiving"
        else ("destinationList", "destination")
    )
    wanted = set(_ids(data, key))
    if not wanted:
        return None
    parties = Party.objects.filter(Q(owner=batch.partner) | Q(partner__isnull=False)).exclude(
        partner=batch.partner
    )
    for party in parties.select_related("partner"):
        if party.uri() in wanted:
            return party
    raise serializers.ValidationError(
        {key[0]: [_("No trading partner of this cooperative has this identifier.")]}
    )


def form_data(data: dict, batch, corrects, fields) -> dict:
    """The dashboard form's fields for this event (``fields``: those the form has)."""
    values = {
        "kind": data["step"],
        "occurred_at": data["eventTime"],
        "place": data.get("place") or batch.place[:200],
        "actor": data.get("actor") or (batch.partner.name or "")[:200],
        "description": data.get("description", ""),
        "description_en": data.get("description_en", ""),
        "corrects": corrects.pk if corrects else "",
        "reason": data.get("reason", ""),
        "input_codes": "\n".join(input_codes(data, batch)),
    }
    if "location" in fields:
        place = place_of(data, batch)
        values["location"] = place.pk if place else ""
        if place and not data.get("place"):
            values["place"] = ""  # the form names the step after its place
    if "counterparty" in fields:
        party = counterparty_of(data, batch)
        values["counterparty"] = party.pk if party else ""
    return values
