"""The dashboard's filters (period, province, sector), read from the query string into a `Scope`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.taxonomy import DEFAULT_TAXONOMY, read_taxonomy
from regions import units

from . import plans

LAST_12 = "12m"


@dataclass(frozen=True)
class Scope:
    """What the figures cover: [start, end) in local dates, provinces (None = all), a sector."""

    start: datetime.date
    end: datetime.date
    provinces: tuple[str, ...] | None
    sector: str = ""

    @property
    def on(self) -> datetime.date:
        """The day stocks are counted on (certificates in force): the period's last day, or today."""
        return min(self.end - datetime.timedelta(days=1), timezone.localdate())

    def months(self) -> list[datetime.date]:
        """The first day of every month in the period."""
        found, day = [], self.start.replace(day=1)
        while day < self.end:
            found.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return found


@lru_cache(maxsize=1)
def sectors() -> list[tuple[str, str, str]]:
    """(code, name, English name) of the taxonomy's sectors."""
    return [(s.code, s.name, s.name_en) for s in read_taxonomy(DEFAULT_TAXONOMY).sectors]


def period_choices() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    years = range(this_year, int(plans.settings()["first_year"]) - 1, -1)
    return [(LAST_12, _("Last 12 months"))] + [(str(y), str(y)) for y in years]


def period_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    if period == LAST_12:
        # This month and the eleven before it.
        months = today.year * 12 + today.month - 1 - 11
        start = datetime.date(months // 12, months % 12 + 1, 1)
        return start, (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    year = int(period)
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


class FilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False)
    province = forms.ChoiceField(label=_("Province or city"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, data, allowed: tuple[str, ...] | None):
        super().__init__(data)
        self.allowed = allowed
        self.fields["period"].choices = period_choices()
        provinces = [p for p in units.provinces() if allowed is None or p.code in allowed]
        everything = [("", _("All provinces"))] if allowed is None or len(allowed) > 1 else []
        self.fields["province"].choices = everything + [(p.code, p.short_name) for p in provinces]
        self.fields["sector"].choices = [("", _("All sectors"))] + [
            (code, name) for code, name, _en in sectors()
        ]

    def scope(self) -> Scope:
        data = self.cleaned_data if self.is_valid() else {}
        start, end = period_bounds(data.get("period") or LAST_12)
        province = data.get("province") or ""
        if province:
            chosen = (province,)
        elif self.allowed is None:
            chosen = None
        else:
            chosen = tuple(self.allowed)
        return Scope(start=start, end=end, provinces=chosen, sector=data.get("sector") or "")
