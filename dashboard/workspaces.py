"""`/dashboard/` for people who work in one corner of it but may not open Oscar's index.

A fund's reviewer, an OCOP officer or council member, a buyer organisation's member: Oscar
refuses them its index (staff and cooperatives only). Instead of that 403 they are sent to
their workspace, or shown the list when they have several. Nobody gains a permission: each
workspace is listed only when its own page would let the user in, by that app's own rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.views.decorators import check_permissions

from evaluation import roles
from evaluation.models import Role
from trade.access import organisation_of

OFFICER_ROLES = tuple(Role.values)
COUNCIL_ROLES = (Role.PROVINCE_SECRETARY, Role.COUNCIL_MEMBER, Role.CENTRAL_COUNCIL)


@dataclass(frozen=True)
class Workspace:
    title: str
    description: str
    url_name: str
    opens_for: Callable[[object], bool]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _reviews_loans(user) -> bool:
    return user.has_perm("finance.review_application")


def _is_officer(user) -> bool:
    return any(roles.has_role(user, role) for role in OFFICER_ROLES)


def _sits_on_councils(user) -> bool:
    return any(roles.has_role(user, role) for role in COUNCIL_ROLES) or (
        roles.sessions_visible_to(user).exists()
    )


def _reads_programme_figures(user) -> bool:
    provinces = roles.province_codes_for(user)  # None: every province
    return provinces is None or bool(provinces)


def _buys_wholesale(user) -> bool:
    return organisation_of(user) is not None


WORKSPACES = (
    Workspace(
        _("Loan applications to review"),
        _("The applications to your funds' programmes."),
        "dashboard:finance-review-list",
        _reviews_loans,
    ),
    Workspace(
        _("OCOP dossiers"),
        _("The dossiers of the OCOP rating cycle in your area."),
        "evaluation:dossiers",
        _is_officer,
    ),
    Workspace(
        _("Council sessions"),
        _("The evaluation councils you sit on or organise."),
        "evaluation:sessions",
        _sits_on_councils,
    ),
    Workspace(
        _("OCOP programme figures"),
        _("Indicators for the provinces you follow."),
        "programme:dashboard",
        _reads_programme_figures,
    ),
    Workspace(
        _("Your sourcing requests"),
        _("Your organisation's requests for quotes and the quotes received."),
        "trade:mine",
        _buys_wholesale,
    ),
)


def workspaces_for(user) -> list[Workspace]:
    """The workspaces `user` may open, in the order above."""
    if not (user.is_authenticated and user.is_active):
        return []
    return [workspace for workspace in WORKSPACES if workspace.opens_for(user)]


def send_to_workspace(index_view, index_permissions):
    """Wrap Oscar's (permission-checked) index: who may not open it but has workspaces goes
    to the one workspace, or sees the list of several; anyone else gets Oscar's answer."""

    @wraps(index_view)
    def view(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not check_permissions(user, index_permissions):
            places = workspaces_for(user)
            if len(places) == 1:
                return redirect(places[0].url)
            if places:
                return render(request, "oscar/dashboard/workspaces.html", {"workspaces": places})
        return index_view(request, *args, **kwargs)

    return view
