"""Cooperatives, value chains, training, display and sales points, fairs and booths."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth

from cms.models import BoothRegistration, EventPage, SalesPointPage, SessionRegistration
from producers.models import Producer

from .filters import Scope
from .scoping import during, in_provinces, instant

ONCE_APPROVED = (Producer.Status.APPROVED, Producer.Status.SUSPENDED)


def approved_by_month(scope: Scope) -> dict[str, int]:
    rows = (
        Producer.objects.filter(during("approved_at", scope), status__in=ONCE_APPROVED)
        .filter(in_provinces("province_code", scope))
        .annotate(month=TruncMonth("approved_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}


def _approved_by_end(scope: Scope):
    return Producer.objects.filter(
        in_provinces("province_code", scope),
        status=Producer.Status.APPROVED,
        approved_at__lt=instant(scope.end),
    )


def cooperatives_and_training(scope: Scope) -> dict[str, int]:
    """Approved cooperatives at the period's end, and how many have a leader who attended training.

    A leader counts as trained once someone of the cooperative attended a session that started
    before the period's end (registrations record attendance, not only sign-up).
    """
    trained = SessionRegistration.objects.filter(
        producer=OuterRef("pk"), attended=True, session__starts_at__lt=instant(scope.end)
    )
    return _approved_by_end(scope).aggregate(
        approved=Count("id"), trained=Count("id", filter=Q(Exists(trained)))
    )


def value_chains(scope: Scope) -> int:
    """Value chains with at least one approved cooperative of the scope."""
    return _approved_by_end(scope).aggregate(n=Count("value_chains", distinct=True))["n"]


def sales_points_by_province(scope: Scope) -> dict[str, int]:
    rows = (
        SalesPointPage.objects.live()
        .filter(in_provinces("province_code", scope))
        .values("province_code")
        .annotate(n=Count("id"))
        .order_by("province_code")
    )
    return {row["province_code"]: row["n"] for row in rows}


def fairs(scope: Scope) -> dict[str, int]:
    """Fairs starting in the period and the booths they hold (applied or accepted)."""
    events = EventPage.objects.live().filter(
        in_provinces("province_code", scope),
        kind=EventPage.Kind.FAIR,
        start_date__gte=scope.start,
        start_date__lt=scope.end,
    )
    booths = BoothRegistration.objects.filter(
        event__in=events.values("pk"), status=BoothRegistration.Status.ACCEPTED
    )
    return {"fairs": events.count(), "booths": booths.count()}
