"""Evaluation dossiers per state, from the evaluation app's statistics."""

from __future__ import annotations

from evaluation.models import State
from evaluation.stats import dossier_counts as counts

from .filters import Scope


def _calendar_year(scope: Scope) -> int | None:
    whole_year = (
        scope.start.month == scope.start.day == 1 and scope.end.year == scope.start.year + 1
    )
    return scope.start.year if whole_year and scope.end.month == scope.end.day == 1 else None


def dossier_counts(scope: Scope) -> list[tuple[str, int]]:
    """(state label, dossiers) for the scope's provinces and, for a calendar year, its cycle."""
    year = _calendar_year(scope)
    if scope.provinces is None:
        total = dict(counts(year=year))
    else:
        total: dict[str, int] = {}
        for code in scope.provinces:
            for state, n in counts(province_code=code, year=year).items():
                total[state] = total.get(state, 0) + n
    labels = dict(State.choices)
    return [(str(labels.get(state, state)), total.get(state, 0)) for state in State.values]
