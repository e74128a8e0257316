"""Convening a council: who may open a session, who may sit on it, and changing its seats.

A province's OCOP office (its secretary) convenes the province council and seats members who
hold a council member's role in that province; the central council's sessions seat members
of the central council. One chair per session. Seats are fixed once the session has decided,
and a member who has scored in it keeps their seat, so the score sheets keep their author.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import roles
from .council import is_secretary
from .models import Level, OfficerRole, Role, Seat, Session
from .workflow import WorkflowError


def convenable_provinces(user) -> set[str] | None:
    """The provinces whose council a user may convene: None for all (staff)."""
    return roles.secretary_provinces(user)


def may_convene(user, level: str, province_code: str = "") -> bool:
    if roles.is_all_seeing(user):
        return True
    if level == Level.CENTRAL:
        return roles.is_central(user)
    provinces = convenable_provinces(user)
    return bool(province_code) and province_code in (provinces or set())


def may_convene_any(user) -> bool:
    return roles.is_all_seeing(user) or roles.is_central(user) or bool(convenable_provinces(user))


def convene(user, *, level: str, province_code: str, title: str, held_on) -> Session:
    """A new session with `user` as its secretary."""
    province_code = province_code if level == Level.PROVINCE else ""
    if level == Level.PROVINCE and not province_code:
        raise WorkflowError(_("Choose the province whose council meets."))
    if not may_convene(user, level, province_code):
        raise WorkflowError(_("You may not convene this council."))
    return Session.objects.create(
        level=level,
        province_code=province_code,
        title=title,
        held_on=held_on,
        secretary=user,
    )


def eligible_members(session: Session) -> QuerySet:
    """The people who may sit on a session and are not seated yet."""
    if session.level == Level.CENTRAL:
        holders = OfficerRole.objects.filter(role=Role.CENTRAL_COUNCIL)
    else:
        holders = OfficerRole.objects.filter(
            role=Role.COUNCIL_MEMBER, province_code=session.province_code
        )
    return (
        get_user_model()
        .objects.filter(pk__in=holders.values("user_id"), is_active=True)
        .exclude(pk__in=session.seats.values("user_id"))
        .order_by("last_name", "first_name", "email")
    )


def _check_open(session: Session, user) -> None:
    if not is_secretary(user, session):
        raise WorkflowError(_("You may not change this session's members."))
    if session.decided_at:
        raise WorkflowError(_("This session has decided; its members are fixed."))


def add_seat(session: Session, member, kind: str, body: str, user) -> Seat:
    _check_open(session, user)
    if not eligible_members(session).filter(pk=member.pk).exists():
        raise WorkflowError(
            _(
                "This person does not hold a council member's role for this council, or already sits on it."
            )
        )
    if kind == Seat.Kind.CHAIR and session.seats.filter(kind=Seat.Kind.CHAIR).exists():
        raise WorkflowError(_("This session already has a chair."))
    try:
        with transaction.atomic():
            return Seat.objects.create(session=session, user=member, kind=kind, body=body)
    except IntegrityError as error:  # a second secretary seated the same chair or person
        raise WorkflowError(_("This seat was just taken; reload the page.")) from error


def remove_seat(seat: Seat, user) -> None:
    session = seat.session
    _check_open(session, user)
    if seat.user.ocop_sheets.filter(item__session=session).exists():
        raise WorkflowError(_("This member has scored in this session; their seat stays."))
    seat.delete()
