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


def check_scores(sheet: dict, scores: dict, only: list[str] | None = None) -> dict[str, str]:
    """{criterion code: error} for missing, non-integer or out-of-range points."""
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
        elif not 0 <= points <= criterion["max"]:
            errors[code] = _("Between 0 and %(max)s points for this criterion.") % {
                "max": criterion["max"]
            }
    return errors


def totals(sheet: dict, scores: dict) -> dict[str, int]:
    """Points per part, the bonus and the total (at most 100), from checked scores."""
    result = {}
    for part in sheet.get("parts", []):
        result[part["code"]] = sum(int(scores.get(c["code"]) or 0) for c in part["criteria"])
    result["bonus"] = sum(int(scores.get(b["code"]) or 0) for b in sheet.get("bonus", []))
    result["total"] = min(100, sum(result.values()))
    return result
