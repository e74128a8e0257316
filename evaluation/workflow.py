"""The dossier's states, written once: which moves exist, who may make them, what they check.

Every move goes through `move()`, which locks the dossier, checks the move is allowed from
its current state, saves, writes an `Event` and e-mails the cooperative. Views, the council's
decisions and commands all call it. A refused move raises `WorkflowError` with a message for
the person who tried, and saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.i18n import wants_english

from . import roles, rubrics
from .models import Dossier, Event, State


class WorkflowError(ValidationError):
    """A move that is not allowed, or whose input is incomplete; nothing was saved."""


@dataclass(frozen=True)
class Move:
    name: str
    sources: tuple[str, ...]
    target: str


MOVES = {
    move.name: move
    for move in [
        Move("submit", (State.DRAFT, State.RETURNED), State.SUBMITTED),
        Move(
            "withdraw",
            (State.DRAFT, State.SUBMITTED, State.RETURNED, State.COMMUNE_CHECKED),
            State.WITHDRAWN,
        ),
        Move("return", (State.SUBMITTED, State.COMMUNE_CHECKED), State.RETURNED),
        Move("commune_check", (State.SUBMITTED,), State.COMMUNE_CHECKED),
        Move("province_schedule", (State.COMMUNE_CHECKED,), State.PROVINCE_SCORING),
        Move("province_decide", (State.PROVINCE_SCORING,), State.PROVINCE_DECIDED),
        Move("central_schedule", (State.PROVINCE_DECIDED,), State.CENTRAL_SCORING),
        Move("central_decide", (State.CENTRAL_SCORING,), State.CENTRAL_DECIDED),
        Move("certify", (State.PROVINCE_DECIDED, State.CENTRAL_DECIDED), State.CERTIFIED),
        Move("refuse", (State.PROVINCE_DECIDED, State.CENTRAL_DECIDED), State.NOT_CERTIFIED),
    ]
}


def allowed_moves(dossier: Dossier) -> list[str]:
    return [name for name, move in MOVES.items() if dossier.state in move.sources]


def may(user, name: str, dossier: Dossier) -> bool:
    """Whether `user` may make the move `name` on `dossier` (state aside)."""
    if name in ("submit", "withdraw"):
        return roles.is_owner(user, dossier) or roles.is_all_seeing(user)
    if name == "commune_check":
        return roles.is_all_seeing(user) or dossier.commune_code in roles.commune_codes_for(user)
    if name == "return":
        provinces = roles.secretary_provinces(user)
        return (
            provinces is None
            or dossier.province_code in provinces
            or dossier.commune_code in roles.commune_codes_for(user)
        )
    if name in ("province_schedule", "province_decide", "certify", "refuse"):
        provinces = roles.secretary_provinces(user)
        return provinces is None or dossier.province_code in provinces or roles.is_central(user)
    if name in ("central_schedule", "central_decide"):
        return roles.is_central(user)
    return False


def move(dossier: Dossier, name: str, user, note: str = "", **changes) -> Dossier:
    """Move `dossier` by `name`, saving `changes` with it; log it and tell the cooperative."""
    step = MOVES[name]
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.state == State.CERTIFIED and name == "submit":
            raise WorkflowError(
                _(
                    "This dossier is already certified; start a renewal instead of submitting it again."
                )
            )
        if locked.state not in step.sources:
            raise WorkflowError(
                _("A dossier that is “%(state)s” cannot be moved this way.")
                % {"state": locked.get_state_display()}
            )
        if user is not None and not may(user, name, locked):
            raise WorkflowError(_("You may not make this move on this dossier."))
        _check(locked, name, note, changes)
        source = locked.state
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.state = step.target
        locked.save()
        event = Event.objects.create(
            dossier=locked,
            from_state=source,
            to_state=step.target,
            actor=user if getattr(user, "is_authenticated", False) else None,
            note=note,
        )
        from .notify import transition_email

        transaction.on_commit(lambda: transition_email(event.pk), robust=True)
    dossier.refresh_from_db()
    return dossier


def _check(dossier: Dossier, name: str, note: str, changes: dict) -> None:
    if name == "submit":
        _prepare_submission(dossier, changes)
    elif name == "return" and not note.strip():
        raise WorkflowError({"note": _("Say what is missing from the dossier.")})
    elif name == "refuse" and not (changes.get("reasons") or dossier.reasons or note).strip():
        raise WorkflowError({"reasons": _("Give the reasons the product is not certified.")})
    elif name == "commune_check":
        report = changes.get("commune_report") or dossier.commune_report
        errors = {}
        if not report:
            errors["commune_report"] = _("Upload the commune evaluation report.")
        scores = changes.get("commune_scores", dossier.commune_scores)
        local = rubrics.local_codes(dossier.rubric)
        problems = rubrics.check_scores(dossier.rubric, scores, only=local)
        if problems:
            errors["commune_scores"] = "; ".join(f"{code}: {msg}" for code, msg in problems.items())
        if errors:
            raise WorkflowError(errors)


def _prepare_submission(dossier: Dossier, changes: dict) -> None:
    """Freeze the sheet in force today (the first time), and check the dossier is complete."""
    now = timezone.now()
    if not dossier.rubric:
        try:
            rubric = rubrics.in_force(timezone.localdate(now))
            sheet = rubric.sheet(dossier.product_set)
        except (LookupError, KeyError) as error:
            raise WorkflowError(
                {"product_set": _("No score sheet is in force for this product set.")}
            ) from error
        changes.update(rubric=sheet, rubric_version=rubric.code, submitted_at=now, year=now.year)
        dossier.rubric = sheet
    missing = missing_documents(dossier)
    errors = {}
    if missing:
        errors["documents"] = _("Required documents missing: %(names)s.") % {
            "names": ", ".join(missing)
        }
    if dossier.self_assessment:
        problems = rubrics.check_scores(dossier.rubric, dossier.self_assessment)
        if problems:
            errors["self_assessment"] = _("The self-assessment has errors: %(list)s.") % {
                "list": "; ".join(f"{code}: {msg}" for code, msg in problems.items())
            }
    if errors:
        raise WorkflowError(errors)


def document_kinds(dossier: Dossier) -> list[dict]:
    """The documents the dossier's sheet lists (the one in force today, before submission)."""
    if dossier.rubric:
        return dossier.rubric.get("documents", [])
    try:
        return rubrics.in_force(timezone.localdate()).documents
    except LookupError:
        return []


def missing_documents(dossier: Dossier) -> list[str]:
    have = set(dossier.documents.values_list("kind", flat=True)) if dossier.pk else set()
    return [
        label(kind)
        for kind in document_kinds(dossier)
        if kind["required"] and kind["code"] not in have
    ]


def label(item: dict) -> str:
    """An item of a data file (criterion, document) in the visitor's language."""
    if wants_english() and item.get("name_en"):
        return item["name_en"]
    return item["name"]
