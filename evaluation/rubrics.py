"""Score sheets as data: one file per legal basis under `evaluation/data/rubric_*.json`.

A decision that changes the criteria is a new file with its own `effective_from`; a dossier
takes the sheet in force on the day it is submitted and keeps a copy (`Dossier.rubric`), so
later files never change it. The functions below read either a loaded rubric or that copy.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data"


class RubricError(ValueError):
    """A rubric file that contradicts itself (criteria that do not add up to the part)."""


@dataclass(frozen=True)
class Rubric:
    code: str
    version: str
    effective_from: datetime.date
    data: dict

    @property
    def product_sets(self) -> list[str]:
        return sorted(self.data["sets"])

    @property
    def documents(self) -> list[dict]:
        return self.data.get("documents", [])

    def sheet(self, product_set: str) -> dict:
        """The score sheet for one product set, self-contained, to be frozen on a dossier."""
        template = self.data["sets"].get(product_set)
        if template is None:
            raise KeyError(product_set)
        return {
            "code": self.code,
            "version": self.version,
            "effective_from": self.effective_from.isoformat(),
            "product_set": product_set,
            "parts": self.data["templates"][template],
            "bonus": self.data.get("bonus", []),
            "documents": self.documents,
        }


def _check(data: dict, path: Path) -> None:
    for name, parts in data["templates"].items():
        where = f"{path.name}: template {name}"
        codes = [c["code"] for part in parts for c in part["criteria"]]
        if len(codes) != len(set(codes)):
            raise RubricError(f"{where}: a criterion code appears twice")
        for part in parts:
            total = sum(criterion["max"] for criterion in part["criteria"])
            if total != part["max"]:
                raise RubricError(
                    f"{where}, part {part['code']}: criteria add up to {total}, not {part['max']}"
                )
            _check_groups_and_levels(part, f"{where}, part {part['code']}")
    for product_set, template in data["sets"].items():
        if template not in data["templates"]:
            raise RubricError(f"{path.name}: set {product_set} names no template {template}")


def _check_groups_and_levels(part: dict, where: str) -> None:
    """Headings add up to the criteria under them; a criterion's best level is its maximum."""
    parent = {g["code"]: g.get("parent") for g in part.get("groups", [])}
    under: dict[str, int] = dict.fromkeys(parent, 0)
    for criterion in part["criteria"]:
        group = criterion.get("group")
        while group is not None:
            if group not in parent:
                raise RubricError(f"{where}: criterion {criterion['code']} names no group {group}")
            under[group] += criterion["max"]
            group = parent[group]
        points = [lv["points"] for lv in criterion.get("levels", []) if lv["points"] is not None]
        if points and max(points) != criterion["max"]:
            raise RubricError(
                f"{where}: criterion {criterion['code']}'s best level is {max(points)}, "
                f"not {criterion['max']}"
            )
    for group in part.get("groups", []):
        if under[group["code"]] != group["max"]:
            raise RubricError(
                f"{where}: group {group['code']}'s criteria add up to {under[group['code']]}, "
                f"not {group['max']}"
            )


def rubric_dirs() -> list[Path]:
    extra = getattr(settings, "OCOP_RUBRIC_DIRS", None) or []
    return [DATA_DIR, *map(Path, extra)]


@lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...]) -> tuple[Rubric, ...]:
    found = []
    for folder in dirs:
        for path in sorted(Path(folder).glob("rubric_*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            _check(data, path)
            found.append(
                Rubric(
                    code=data["code"],
                    version=data["version"],
                    effective_from=datetime.date.fromisoformat(data["effective_from"]),
                    data=data,
                )
            )
    return tuple(sorted(found, key=lambda r: r.effective_from))


def all_rubrics() -> tuple[Rubric, ...]:
    return _load(tuple(str(d) for d in rubric_dirs()))


def in_force(on: datetime.date) -> Rubric:
    """The rubric whose effective date is the latest on or before `on`."""
    candidates = [r for r in all_rubrics() if r.effective_from <= on]
    if not candidates:
        raise LookupError(on)
    return candidates[-1]


# A FROZEN SHEET (the dict `Rubric.sheet` returns, as stored on a dossier)


def criteria(sheet: dict) -> list[tuple[str, dict]]:
    """(part code, criterion) for every criterion of the sheet, bonus ones under part '+'."""
    rows = [(part["code"], c) for part in sheet.get("parts", []) for c in part["criteria"]]
    return rows + [("+", bonus) for bonus in sheet.get("bonus", [])]


def local_codes(sheet: dict) -> list[str]:
    return [c["code"] for _part, c in criteria(sheet) if c.get("local")]


def level_points(criterion: dict) -> list[int] | None:
    """The points a criterion's levels allow, lowest first; None when the sheet gives no levels.

    A level printed without points (four sets of Decision 26/2026, criterion 1.2, 'not
    certified') counts 0, as the same level reads in the other sets (the file's source_remarks).
    """
    levels = criterion.get("levels") or []
    if not levels:
        return None
    return sorted({lv["points"] or 0 for lv in levels})


def allowed_points(criterion: dict) -> list[int]:
    """Every score a member may give: a level's points, or 0 to the maximum without levels."""
    return level_points(criterion) or list(range(criterion["max"] + 1))


def _bad_points(criterion: dict, points: int) -> str | None:
    levels = level_points(criterion)
    if levels is None:
        if 0 <= points <= criterion["max"]:
            return None
        return _("Between 0 and %(max)s points for this criterion.") % {"max": criterion["max"]}
    if points in levels:
        return None
    return _("Choose one of this criterion's levels: %(points)s points.") % {
        "points": ", ".join(map(str, levels))
    }


def check_scores(sheet: dict, scores: dict, only: list[str] | None = None) -> dict[str, str]:
    """{criterion code: error} for missing, non-integer points or points no level gives."""
    errors = {}
    for _part, criterion in criteria(sheet):
        code = criterion["code"]
        if only is not None and code not in only:
            continue
        value = scores.get(code)
        if value in (None, ""):
            if _part == "+":
                continue  # a bonus not claimed is 0
            errors[code] = _("Enter the points for this criterion.")
            continue
        try:
            points = int(value)
        except (TypeError, ValueError):
            errors[code] = _("Enter a whole number of points.")
            continue
        if str(points) != str(value).strip():
            errors[code] = _("Enter a whole number of points.")
        elif problem := _bad_points(criterion, points):
            errors[code] = problem
    return errors


def totals(sheet: dict, scores: dict) -> dict[str, int]:
    """Points per part, the bonus and the total (at most 100), from checked scores."""
    result = {}
    for part in sheet.get("parts", []):
        result[part["code"]] = sum(int(scores.get(c["code"]) or 0) for c in part["criteria"])
    result["bonus"] = sum(int(scores.get(b["code"]) or 0) for b in sheet.get("bonus", []))
    result["total"] = min(100, sum(result.values()))
    return result


# STAR MARKS: Decision 26/2026/QĐ-TTg, Annex II, the note under every sheet: "Dấu sao là yêu
# cầu tối thiểu phải đạt theo các cấp độ sao (*** - 3 sao; **** - 4 sao; ***** - 5 sao)". A
# level marked N stars is the least a product must reach on that criterion to be rated N stars
# (or more); Article 3.3's bands by total score apply on top of that.

STARRED = (5, 4, 3)


def required_points(criterion: dict, stars: int) -> int:
    """The least points on `criterion` a product rated `stars` must have (0 if unmarked)."""
    marked = [
        lv["points"] or 0
        for lv in criterion.get("levels") or []
        if lv.get("min_stars") and lv["min_stars"] <= stars
    ]
    return max(marked, default=0)


def marks_missed(sheet: dict, points: dict, stars: int) -> list[str]:
    """Codes of the criteria whose points (a member's, or the council's mean) miss `stars`' marks."""
    return [
        c["code"]
        for _part, c in criteria(sheet)
        if float(points.get(c["code"]) or 0) < required_points(c, stars)
    ]


def stars_allowed(sheet: dict, points: dict) -> int:
    """The most stars the marks allow: 5, 4 or 3 if every mark up to it is met, else 2."""
    for stars in STARRED:
        if not marks_missed(sheet, points, stars):
            return stars
    return 2


def scores_totalling(sheet: dict, total: int, stars: int | None = None) -> dict[str, int]:
    """Valid points for every criterion (bonus left out) adding up to `total`, for tests and demo.

    Each criterion starts at the least level meeting the marks of `stars` (by default the most
    stars `total` can reach under them), then criteria rise level by level in order.
    """
    rows = [c for part, c in criteria(sheet) if part != "+"]
    for target in [stars] if stars else [*STARRED, 0]:
        scores = {
            c["code"]: min(p for p in allowed_points(c) if p >= required_points(c, target))
            for c in rows
        }
        if sum(scores.values()) <= total:
            break
    options = [[p for p in allowed_points(c) if p >= scores[c["code"]]] for c in rows]
    # reach[i]: the sums criteria i.. can make; then each criterion takes its highest level
    # that leaves the rest a reachable sum.
    reach = [{0}]
    for choice in reversed(options):
        reach.insert(0, {p + s for p in choice for s in reach[0] if p + s <= total})
    if total not in reach[0]:
        raise ValueError(f"no valid points add up to {total}")
    left = total
    for index, c in enumerate(rows):
        scores[c["code"]] = max(p for p in options[index] if left - p in reach[index + 1])
        left -= scores[c["code"]]
    return scores
