"""Loan applications by purpose, from the finance app's figures, for the dashboard's scope.

All submitted applications to date (drafts never count): a loan is followed from filing to
disbursement over months, so the dashboard's period does not cut it.
"""

from __future__ import annotations

from finance.models.programmes import Purpose
from finance.stats import application_figures

from .filters import Scope

FIGURES = (
    "applications",
    "approved",
    "declined",
    "disbursed",
    "requested_amount",
    "approved_amount",
)


def by_purpose(scope: Scope) -> list[tuple[str, dict[str, int]]]:
    """(purpose label, figures) for every purpose, in the scope's provinces."""
    if scope.provinces is None:
        parts = [application_figures()]
    else:
        parts = [application_figures(province_code=code) for code in sorted(scope.provinces)]
    totals: dict[str, dict[str, int]] = {}
    for part in parts:
        for row in part["by_purpose"]:
            total = totals.setdefault(row["purpose"], dict.fromkeys(FIGURES, 0))
            for name in FIGURES:
                total[name] += int(row[name] or 0)
    labels = dict(Purpose.choices)
    return [
        (str(labels[purpose]), totals.get(purpose, dict.fromkeys(FIGURES, 0)))
        for purpose in Purpose.values
    ]
