"""Provinces and communes of the 2025 map, loaded once from a shipped data file and cached."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Province:
    code: str  # two digits, the General Statistics Office's code, e.g. "01" for Hà Nội
    name: str  # "Thành phố Hà Nội"
    short_name: str  # "Hà Nội"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Commune:
    code: str  # five digits, e.g. "00004"
    name: str  # "Phường Ba Đình"
    short_name: str  # "Ba Đình"
    kind: str  # "Xã", "Phường" or "Đặc khu"
    province_code: str

    def __str__(self) -> str:
        return self.name


DATA_FILE = Path(__file__).resolve().parent / "data" / "admin_units_2025.json"


@lru_cache(maxsize=1)
def _data() -> dict:
    # Shipped as a data file (see data/build_admin_units.py): a later resolution that
    # redraws the map needs a new file, not new code.
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _provinces() -> dict[str, Province]:
    return {code: Province(code, name, short) for code, name, short in _data()["provinces"]}


@lru_cache(maxsize=1)
def _communes() -> dict[str, Commune]:
    return {row[0]: Commune(*row) for row in _data()["communes"]}


@lru_cache(maxsize=1)
def _communes_by_province() -> dict[str, tuple[Commune, ...]]:
    grouped: dict[str, list[Commune]] = {}
    for unit in _communes().values():
        grouped.setdefault(unit.province_code, []).append(unit)
    return {code: tuple(sorted(units, key=lambda c: c.name)) for code, units in grouped.items()}


@lru_cache(maxsize=1)
def _legacy_to_current() -> dict[str, str]:
    return {old: new for old, _name, new in _data()["legacy_provinces"]}


def provinces() -> list[Province]:
    """The 34 provinces and centrally governed cities, by code."""
    return list(_provinces().values())


def province(code: str | None) -> Province | None:
    return _provinces().get(code or "")


def communes(province_code: str | None) -> list[Commune]:
    """The communes, wards and special zones of a province, by name; empty for an unknown code."""
    return list(_communes_by_province().get(province_code or "", ()))


def commune(code: str | None) -> Commune | None:
    return _communes().get(code or "")


def commune_in_province(commune_code: str | None, province_code: str | None) -> bool:
    unit = commune(commune_code)
    return unit is not None and unit.province_code == province_code


def place_label(first: str, commune_code: str | None, province_code: str | None) -> str:
    """An address line: `first` (a street, a growing area), the commune's name, the province's."""
    unit, area = commune(commune_code), province(province_code)
    return ", ".join(part for part in (first, unit and unit.name, area and area.name) if part)


def current_province_code(legacy_code: str | None) -> str | None:
    """The 2025 province that a pre-2025 (63-province) code was merged into."""
    return _legacy_to_current().get(legacy_code or "")
