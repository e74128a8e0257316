"""A published batch's printed facts: frozen, and changed only by a correction with a reason.

Once a batch is published, shoppers read its origin page: what was made, where, when, how
much and from what. Those facts no longer change in place: `Batch.save` and `Batch.clean`
refuse it (`refuse_frozen_changes`), and so does a bulk `update` of published batches. A
cooperative that got one wrong records a correction (`correct`): the new value replaces the
old, and a journey event of kind CORRECTION keeps what changed, when, by whom and why; the
origin page shows it beside the batch. The product and lot are part of the printed codes
and never change. Drafts are edited freely.

A correction is a JourneyEvent, so the origin page reads it in the journey query it already
makes: showing corrections costs no query.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regions import units

from .models import Batch, JourneyEvent

# What the origin page prints about a batch that a correction may change.
CORRECTABLE_FIELDS = (
    "produced_on",
    "expires_on",
    "quantity",
    "unit",
    "origin_name",
    "growing_area_code",
    "province_code",
    "commune_code",
    "inputs",
)
# Frozen once published: the above, the codes the labels carry, the owner and the status.
FROZEN_FIELDS = (
    *CORRECTABLE_FIELDS,
    *("product", "partner", "lot", "gtin", "short_code", "uri", "status", "published_at"),
)
# Fields the dashboard's batch form shows: a refused change gets its error beside the field.
FORM_FIELDS = (*CORRECTABLE_FIELDS, "product", "lot")

FROZEN = _(
    "The batch is published: what its origin page shows cannot be edited. Record a correction."
)
NOTHING_CHANGED = _("Nothing was changed.")
REASON_NEEDED = _("Say why the batch is corrected: shoppers read it beside the change.")
ONLY_PUBLISHED = _("Only a published batch is corrected: edit a draft directly.")


def _attname(name: str) -> str:
    return Batch._meta.get_field(name).attname


def same(a, b) -> bool:
    """Equal as shown: the CRLF line ends and outer blanks a browser's form adds do not count."""
    if isinstance(a, str) and isinstance(b, str):
        return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()
    return a == b


def frozen_changes(batch: Batch, lock: bool = False) -> list[str]:
    """The frozen fields in which ``batch`` differs from its stored row, if that is published.

    With ``lock``, the row stays locked until the transaction ends, so a publication
    happening meanwhile cannot slip in between the check and the write.
    """
    if batch.pk is None:
        return []
    attnames = {name: _attname(name) for name in FROZEN_FIELDS}
    stored = Batch._base_manager.filter(pk=batch.pk)
    if lock:
        stored = stored.select_for_update()
    row = stored.values(*attnames.values()).first()
    if row is None or row["status"] != Batch.Status.PUBLISHED:
        return []
    changed = []
    for name, attname in attnames.items():
        try:
            value = Batch._meta.get_field(name).to_python(getattr(batch, attname))
        except ValidationError:
            value = None
        if not same(value, row[attname]):
            changed.append(name)
    return changed


def refuse_frozen_changes(batch: Batch, lock: bool = False) -> None:
    """Raise a ValidationError, by field, if ``batch`` would change what it printed."""
    changed = frozen_changes(batch, lock)
    if changed:
        errors: dict[str, list[ValidationError]] = {}
        for name in changed:
            key = name if name in FORM_FIELDS else NON_FIELD_ERRORS
            errors.setdefault(key, [ValidationError(FROZEN, code="frozen")])
        raise ValidationError(errors)


def refuse_frozen_update(batches: models.QuerySet, values: dict) -> None:
    """A bulk update of ``batches`` may not set a frozen field of a published one."""
    frozen = {*FROZEN_FIELDS, *(_attname(name) for name in FROZEN_FIELDS)}
    if values.keys() & frozen and batches.filter(status=Batch.Status.PUBLISHED).exists():
        raise ValidationError(FROZEN, code="frozen")


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def correct(batch: Batch, changes: dict, reason: str, user) -> JourneyEvent:
    """Apply ``changes`` to a published batch and record them as a correction with ``reason``.

    Raises ValidationError when the batch is a draft, a field may not be corrected, a value
    is invalid, nothing changes, or the reason is empty.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_NEEDED}, code="reason")
    if set(changes) - set(CORRECTABLE_FIELDS):
        raise ValidationError(FROZEN, code="frozen")
    with transaction.atomic():
        current = Batch._base_manager.select_for_update().get(pk=batch.pk)
        if current.status != Batch.Status.PUBLISHED:
            raise ValidationError(ONLY_PUBLISHED, code="draft")
        values, rows = {}, []
        for name in CORRECTABLE_FIELDS:
            if name in changes:
                new = Batch._meta.get_field(name).to_python(changes[name])
                old = getattr(current, name)
                if not same(new, old):
                    values[name] = new
                    rows.append({"field": name, "old": _json(old), "new": _json(new)})
        if not rows:
            raise ValidationError(NOTHING_CHANGED, code="unchanged")
        for name, value in values.items():
            setattr(current, name, value)
        current.clean_fields(exclude=[f.name for f in Batch._meta.fields if f.name not in values])
        # The one path that changes a published batch's facts, past the guards, on purpose.
        Batch._base_manager.filter(pk=batch.pk).update(**values)
        for name, value in values.items():
            setattr(batch, name, value)
        event = JourneyEvent(
            batch=batch,
            kind=JourneyEvent.Kind.CORRECTION,
            occurred_at=timezone.now(),
            place=batch.place[:200],
            actor=(user.get_full_name() or user.get_username())[:200] if user else "",
            reason=reason,
            changes=rows,
            created_by=user,
        )
        event.save()  # touches the batch: its cached copy and page are dropped
    return event


def _shown(field: models.Field, value):
    """A stored value as the origin page shows it, in the visitor's language."""
    if value in (None, ""):
        return ""
    if isinstance(field, models.DateField):
        try:
            return date_format(datetime.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    if field.name in ("province_code", "commune_code"):
        unit = units.province(value) if field.name == "province_code" else units.commune(value)
        return unit.name if unit else value
    return value


def changed_facts(event: JourneyEvent) -> list[tuple[str, object, object]]:
    """A correction's changes as (what, before, after), in the visitor's language."""
    facts = []
    for change in event.changes or []:
        try:
            field = Batch._meta.get_field(change["field"])
        except (FieldDoesNotExist, KeyError, TypeError):
            continue
        before, after = _shown(field, change.get("old")), _shown(field, change.get("new"))
        facts.append((field.verbose_name, before, after))
    return facts
