"""Council sessions: the agenda, attendance and quorum, members' sheets, finalising, deciding.

Each member scores alone; a dossier's score is the mean of the present members' totals in
the current round. When two totals differ by more than the allowed spread the secretary
cannot finalise: the council discusses and re-scores in a new round, the old sheets stay.
The thresholds are data (`evaluation/data/council_rules.json`).
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.rating_rules import current_rules

from . import roles, rubrics, workflow
from .models import Dossier, Level, ScoreSheet, Seat, Session, SessionDossier, State
from .workflow import WorkflowError

RULES_FILE = Path(__file__).resolve().parent / "data" / "council_rules.json"


@cache
def council_rules() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def quorum(session: Session) -> tuple[int, int, bool]:
    """(present, seats, chair present)."""
    seats = list(session.seats.all())
    present = [s for s in seats if s.present]
    chair = any(s.present and s.kind == Seat.Kind.CHAIR for s in seats)
    return len(present), len(seats), chair


def has_quorum(session: Session) -> bool:
    present, seats, chair = quorum(session)
    share = Decimal(council_rules()["quorum_percent"]) / 100
    return bool(seats) and chair and Decimal(present) >= share * seats


def is_secretary(user, session: Session) -> bool:
    if roles.is_all_seeing(user):
        return True
    if session.level == Level.CENTRAL:
        return roles.is_central(user)
    if session.secretary_id == getattr(user, "pk", None):
        return True
    provinces = roles.secretary_provinces(user)
    return provinces is None or session.province_code in provinces


def schedule(session: Session, dossier: Dossier, user) -> SessionDossier:
    """Put a checked dossier on a session's agenda (province) or a 90+ one on the ministry's."""
    if not is_secretary(user, session):
        raise WorkflowError(_("You may not change this session's agenda."))
    if session.decided_at:
        raise WorkflowError(_("This session has decided; its agenda is closed."))
    if session.level == Level.PROVINCE:
        if dossier.province_code != session.province_code:
            raise WorkflowError(_("This dossier belongs to another province."))
        name = "province_schedule"
    else:
        threshold = council_rules()["central_min_score"]
        if dossier.score is None or dossier.score < threshold:
            raise WorkflowError(
                _("Only products the province scored %(min)s or more go to the central council.")
                % {"min": threshold}
            )
        name = "central_schedule"
    with transaction.atomic():
        workflow.move(dossier, name, user, note=session.title)
        item, _created = SessionDossier.objects.get_or_create(session=session, dossier=dossier)
    return item


def set_attendance(session: Session, present_user_ids: set[int], user) -> None:
    if not is_secretary(user, session):
        raise WorkflowError(_("You may not record this session's attendance."))
    if session.decided_at:
        raise WorkflowError(_("This session has decided; its attendance is closed."))
    for seat in session.seats.all():
        seat.present = seat.user_id in present_user_ids
        seat.save(update_fields=["present"])


def submit_sheet(item: SessionDossier, member, scores: dict) -> ScoreSheet:
    """A member's sheet for the current round; the same member may correct it until finalised."""
    seat = item.session.seats.filter(user=member).first()
    if seat is None:
        raise WorkflowError(_("Only the session's members score its dossiers."))
    if not seat.present:
        raise WorkflowError(_("Only members recorded as present score."))
    if item.finalised_at:
        raise WorkflowError(_("This dossier's score is final."))
    sheet = item.dossier.rubric
    errors = rubrics.check_scores(sheet, scores)
    if errors:
        raise WorkflowError(errors)
    clean = {code: int(value) for code, value in scores.items() if value not in (None, "")}
    result = rubrics.totals(sheet, clean)
    values = {
        "scores": clean,
        "part_a": result.get("A", 0),
        "part_b": result.get("B", 0),
        "part_c": result.get("C", 0),
        "bonus": result["bonus"],
        "total": result["total"],
        "submitted_at": timezone.now(),
    }
    sheet_row, _created = ScoreSheet.objects.update_or_create(
        item=item, member=member, round=item.round, defaults=values
    )
    return sheet_row


def current_sheets(item: SessionDossier) -> list[ScoreSheet]:
    present = set(item.session.seats.filter(present=True).values_list("user_id", flat=True))
    return [s for s in item.sheets.filter(round=item.round) if s.member_id in present]


def spread(item: SessionDossier) -> int:
    totals = [s.total for s in current_sheets(item)]
    return max(totals) - min(totals) if totals else 0


def _mean(values: list[int]) -> Decimal:
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def finalise(item: SessionDossier, user) -> SessionDossier:
    """The mean of the present members' totals, once every one has scored within the spread."""
    if not is_secretary(user, item.session):
        raise WorkflowError(_("Only the council's secretary finalises scores."))
    if item.finalised_at:
        raise WorkflowError(_("This dossier's score is already final."))
    present = item.session.seats.filter(present=True).count()
    sheets = current_sheets(item)
    if not sheets or len(sheets) < present:
        raise WorkflowError(
            _("%(done)s of the %(present)s present members have scored this round.")
            % {"done": len(sheets), "present": present}
        )
    limit = council_rules()["max_spread"]
    if spread(item) > limit:
        raise WorkflowError(
            _(
                "Members' totals differ by %(spread)s points (more than %(limit)s): discuss and re-score before finalising."
            )
            % {"spread": spread(item), "limit": limit}
        )
    if SessionDossier.objects.filter(pk=item.pk, finalised_at__isnull=False).exists():
        raise WorkflowError(_("This dossier's score is already final."))
    item.score = _mean([s.total for s in sheets])
    item.parts = {
        "A": str(_mean([s.part_a for s in sheets])),
        "B": str(_mean([s.part_b for s in sheets])),
        "C": str(_mean([s.part_c for s in sheets])),
        "bonus": str(_mean([s.bonus for s in sheets])),
    }
    item.parts["criteria"] = criterion_means(item.dossier.rubric, sheets)
    item.finalised_at = timezone.now()
    item.save(update_fields=["score", "parts", "finalised_at"])
    return item


def criterion_means(sheet: dict, sheets: list[ScoreSheet]) -> dict[str, str]:
    """The council's points per criterion: the mean of the members' points, as the total is."""
    return {
        c["code"]: str(_mean([int(s.scores.get(c["code"]) or 0) for s in sheets]))
        for _part, c in rubrics.criteria(sheet)
    }


def rating(item: SessionDossier) -> tuple[int, list[str]]:
    """(stars, criteria short of the next star's marks) for a finalised dossier.

    Decision 26/2026/QĐ-TTg: Article 3.3 rates by the mean total (5★ from 90, 4★ from 70,
    3★ from 50); Annex II's note under every sheet makes a starred level "the minimum to
    reach for that star rating", so a product below a criterion's 3★ mark is not rated 3★
    whatever its total. A criterion's points are the members' mean (`criterion_means`).
    Sheets without marks (Decision 148's file) are rated by the total alone.
    """
    band = current_rules().stars_for(item.score)
    sheet = item.dossier.rubric
    means = (item.parts or {}).get("criteria")
    if means is None:  # finalised before the means were kept
        means = criterion_means(sheet, current_sheets(item))
    stars = min(band, rubrics.stars_allowed(sheet, means))
    missed = rubrics.marks_missed(sheet, means, stars + 1) if stars < band else []
    return stars, missed


def rescore(item: SessionDossier, user, note: str) -> SessionDossier:
    """After discussion, open a new round; the earlier sheets are kept."""
    if not is_secretary(user, item.session):
        raise WorkflowError(_("Only the council's secretary opens a new round."))
    if item.finalised_at:
        raise WorkflowError(_("This dossier's score is already final."))
    if not note.strip():
        raise WorkflowError({"note": _("Record what the council discussed.")})
    session = item.session
    session.notes = "\n\n".join(
        filter(None, [session.notes, f"[{item.dossier.product_name}, round {item.round}] {note}"])
    )
    session.save(update_fields=["notes"])
    item.round += 1
    item.save(update_fields=["round"])
    return item


def decide(session: Session, user, decision_number: str, decision_date) -> list[Dossier]:
    """The council's decision: quorum, a number, every score final; then each dossier moves."""
    from .certificates import issue

    errors = {}
    if not is_secretary(user, session):
        raise WorkflowError(_("Only the council's secretary records its decision."))
    if session.decided_at:
        raise WorkflowError(_("This session has already decided."))
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Enter the decision's number.")
    if not decision_date:
        errors["decision_date"] = _("Enter the decision's date.")
    if not has_quorum(session):
        present, seats, chair = quorum(session)
        errors["__all__"] = _(
            "No quorum: %(present)s of %(seats)s members present (%(percent)s%% needed, the chair included)."
        ) % {"present": present, "seats": seats, "percent": council_rules()["quorum_percent"]}
    items = list(session.items.select_related("dossier"))
    if not items:
        errors.setdefault("__all__", _("The session has no dossier to decide."))
    elif any(item.finalised_at is None for item in items):
        errors.setdefault("__all__", _("Finalise every dossier's score before the decision."))
    if errors:
        raise WorkflowError(errors)
    rules = council_rules()
    decided = []
    with transaction.atomic():
        # Two secretaries pressing "decide" at once: the second finds it decided.
        if Session.objects.select_for_update().get(pk=session.pk).decided_at:
            raise WorkflowError(_("This session has already decided."))
        session.decision_number = decision_number.strip()
        session.decision_date = decision_date
        session.decided_at = timezone.now()
        session.save(update_fields=["decision_number", "decision_date", "decided_at"])
        note = _("Decision %(number)s") % {"number": session.decision_number}
        for item in items:
            dossier = item.dossier
            score = item.score
            stars, missed = rating(item)
            if session.level == Level.PROVINCE:
                dossier = workflow.move(dossier, "province_decide", user, note, score=score)
                if score >= rules["central_min_score"] and stars == 5:
                    decided.append(dossier)  # waits for the central council
                    continue
            else:
                dossier = workflow.move(dossier, "central_decide", user, note)
                if score < rules["central_min_score"] or stars < 5:
                    # Not 5★: the province's rating stands, under the province's decision.
                    province = _province_item(dossier)
                    issue(dossier, province.session, province, user)
                    decided.append(dossier)
                    continue
                dossier.score = score
            if score < rules["min_certified_score"]:
                reasons = _("Score %(score)s is below %(min)s.") % {
                    "score": score,
                    "min": rules["min_certified_score"],
                }
                workflow.move(dossier, "refuse", user, note, reasons=reasons)
            elif stars < 3:
                reasons = _(
                    "Criteria %(codes)s do not reach the level the score sheet marks as the minimum for 3 stars (Decision 26/2026/QĐ-TTg, Annex II)."
                ) % {"codes": ", ".join(missed)}
                workflow.move(dossier, "refuse", user, note, reasons=reasons)
            else:
                issue(dossier, session, item, user)
            dossier.refresh_from_db()
            decided.append(dossier)
    return decided


def _province_item(dossier: Dossier) -> SessionDossier:
    return (
        dossier.session_items.filter(session__level=Level.PROVINCE, finalised_at__isnull=False)
        .select_related("session")
        .latest("finalised_at")
    )


def waiting_for(session: Session) -> list[Dossier]:
    """Dossiers that could go on this session's agenda."""
    if session.level == Level.PROVINCE:
        queryset = Dossier.objects.filter(
            state=State.COMMUNE_CHECKED, province_code=session.province_code
        )
    else:
        queryset = Dossier.objects.filter(
            state=State.PROVINCE_DECIDED, score__gte=council_rules()["central_min_score"]
        )
    return list(queryset.select_related("producer")[:200])
