"""Who may see and do what: officers' roles (as Django groups) scoped to a place or a session.

Staff see everything; a commune officer their commune's dossiers; a province secretary their
province's; a council member the dossiers of the sessions they sit on; the central council the
dossiers sent to it; a cooperative's users their own dossiers. Anything else is a 404.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from .models import Dossier, Level, OfficerRole, Role, Session, State

GROUPS = {
    Role.COMMUNE_OFFICER: "OCOP commune officers",
    Role.PROVINCE_SECRETARY: "OCOP province secretaries",
    Role.COUNCIL_MEMBER: "OCOP council members",
    Role.CENTRAL_COUNCIL: "OCOP central council",
}

CENTRAL_STATES = (State.CENTRAL_SCORING, State.CENTRAL_DECIDED)


def sync_group(role: OfficerRole) -> None:
    """Each role is also a Django group, so the admin shows who holds it."""
    group, _created = Group.objects.get_or_create(name=GROUPS[role.role])
    role.user.groups.add(group)


def _roles(user) -> list[OfficerRole]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_ocop_roles", None)
    if cached is None:
        cached = list(OfficerRole.objects.filter(user=user))
        user._ocop_roles = cached
    return cached


def is_all_seeing(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or user.is_superuser))


def has_role(user, role: str, province_code: str | None = None) -> bool:
    if is_all_seeing(user):
        return True
    return any(
        r.role == role and (province_code is None or r.province_code == province_code)
        for r in _roles(user)
    )


def province_codes_for(user) -> set[str] | None:
    """The provinces whose figures a user may see: None for all (staff, central council)."""
    if is_all_seeing(user) or any(r.role == Role.CENTRAL_COUNCIL for r in _roles(user)):
        return None
    return {
        r.province_code
        for r in _roles(user)
        if r.role in (Role.PROVINCE_SECRETARY, Role.COUNCIL_MEMBER) and r.province_code
    }


def secretary_provinces(user) -> set[str] | None:
    if is_all_seeing(user):
        return None
    return {r.province_code for r in _roles(user) if r.role == Role.PROVINCE_SECRETARY}


def commune_codes_for(user) -> set[str]:
    return {r.commune_code for r in _roles(user) if r.role == Role.COMMUNE_OFFICER}


def is_central(user) -> bool:
    return is_all_seeing(user) or any(r.role == Role.CENTRAL_COUNCIL for r in _roles(user))


def sessions_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Session.objects.all() if queryset is None else queryset
    if is_all_seeing(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    match = Q(seats__user=user)
    provinces = secretary_provinces(user)
    if provinces:
        match |= Q(level=Level.PROVINCE, province_code__in=provinces)
    if is_central(user):
        match |= Q(level=Level.CENTRAL)
    return queryset.filter(pk__in=Session.objects.filter(match).values("pk"))


def dossiers_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Dossier.objects.all() if queryset is None else queryset
    if is_all_seeing(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    match = Q(producer__partner__users=user)
    communes = commune_codes_for(user)
    if communes:
        match |= Q(commune_code__in=communes) & ~Q(state=State.DRAFT)
    provinces = secretary_provinces(user)
    if provinces:
        match |= Q(province_code__in=provinces) & ~Q(state=State.DRAFT)
    match |= Q(sessions__seats__user=user)
    if is_central(user):
        match |= Q(state__in=CENTRAL_STATES) | Q(sessions__level=Level.CENTRAL)
    return queryset.filter(pk__in=Dossier.objects.filter(match).values("pk"))


def is_owner(user, dossier: Dossier) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        dossier.producer.partner_id is not None
        and dossier.producer.partner.users.filter(pk=user.pk).exists()
    )
