"""OCOP rating rules as data: score parts and their maxima, star bands, certifiable stars.

The rules are set by government decision (Decision 148/QĐ-TTg, amended in 2025) and a
later decision may change them: edit `data/ocop_rating_rules.json`, or point the
`OCOP_RATING_RULES_FILE` setting at another file. Nothing here is a constant in code.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_RULES = Path(__file__).resolve().parent / "data" / "ocop_rating_rules.json"

PROVINCE = "province"
CENTRAL = "central"


class RulesError(ValueError):
    pass


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    name_en: str
    max: int


@dataclass(frozen=True)
class Rules:
    version: str
    parts: tuple[Part, ...]
    bands: tuple[tuple[int, int], ...]  # (min_score, stars), highest first
    certifiable_stars: frozenset[int]
    authorities: dict[int, str]
    validity_months: int
    reminder_days: int

    @property
    def max_score(self) -> int:
        return sum(part.max for part in self.parts)

    @property
    def min_certifiable_stars(self) -> int:
        return min(self.certifiable_stars)

    def stars_for(self, score: int | float) -> int:
        """The star rating a total score earns."""
        if score < 0 or score > self.max_score:
            raise RulesError(f"a score is between 0 and {self.max_score}")
        for min_score, stars in self.bands:
            if score >= min_score:
                return stars
        raise RulesError(f"no band covers the score {score}")

    def is_certifiable(self, stars: int | None) -> bool:
        return stars in self.certifiable_stars

    def authority_for(self, stars: int) -> str:
        """Who rates and certifies this many stars: the province or the central ministry."""
        return self.authorities.get(stars, "")

    def expiry_for(self, issued_on: datetime.date) -> datetime.date:
        return add_months(issued_on, self.validity_months)

    def part(self, code: str) -> Part:
        for part in self.parts:
            if part.code == code:
                return part
        raise KeyError(code)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def parse_rules(data: dict) -> Rules:
    try:
        parts = tuple(
            Part(str(p["code"]), p["name"], p.get("name_en", ""), int(p["max"]))
            for p in data["parts"]
        )
        bands = tuple(
            sorted(((int(b["min_score"]), int(b["stars"])) for b in data["bands"]), reverse=True)
        )
        rules = Rules(
            version=str(data.get("version", "")),
            parts=parts,
            bands=bands,
            certifiable_stars=frozenset(int(s) for s in data["certifiable_stars"]),
            authorities={int(k): v for k, v in data.get("authorities", {}).items()},
            validity_months=int(data.get("validity_months", 36)),
            reminder_days=int(data.get("reminder_days", 30)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"bad OCOP rating rules: {exc!r}") from None
    if not bands or bands[-1][0] != 0:
        raise RulesError("the lowest star band must start at score 0")
    if not rules.certifiable_stars:
        raise RulesError("at least one star rating must be certifiable")
    return rules


def read_rules(path: Path | str = DEFAULT_RULES) -> Rules:
    with open(path, encoding="utf-8") as handle:
        return parse_rules(json.load(handle))


@lru_cache(maxsize=4)
def _cached(path: str) -> Rules:
    return read_rules(path)


def current_rules() -> Rules:
    """The rules in force: the file named by `OCOP_RATING_RULES_FILE`, or the bundled one."""
    from django.conf import settings

    return _cached(str(getattr(settings, "OCOP_RATING_RULES_FILE", "") or DEFAULT_RULES))
