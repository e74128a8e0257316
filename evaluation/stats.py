"""Figures other apps read (the programme's dashboard, finance): counted in the database."""

from __future__ import annotations

from django.db.models import Count

from .models import Dossier, State


def dossier_counts(province_code: str | None = None, year: int | None = None) -> dict[str, int]:
    """{state: number of dossiers}, every state present (0 when none), one query."""
    queryset = Dossier.objects.all()
    if province_code is not None:
        queryset = queryset.filter(province_code=province_code)
    if year is not None:
        queryset = queryset.filter(year=year)
    counts = dict.fromkeys(State.values, 0)
    for row in queryset.order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts
