"""The plans' targets and the national benchmark figures, read from data files (never constants)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Target:
    plan: str
    indicator: str
    value: int
    unit: str
    note: str
    source: str
    unverified: bool


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    name_en: str
    source: str
    starts_on: datetime.date
    ends_on: datetime.date
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Benchmark:
    on: datetime.date
    indicator: str
    value: int
    source: str
    source_url: str
    unverified: bool


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def plans() -> tuple[Plan, ...]:
    found = []
    for raw in _read("targets.json")["plans"]:
        targets = tuple(
            Target(
                plan=raw["code"],
                indicator=t["indicator"],
                value=int(t["value"]),
                unit=t.get("unit", ""),
                note=t.get("note", ""),
                source=t.get("source") or raw["source"],
                unverified=bool(t.get("unverified", False)),
            )
            for t in raw["targets"]
        )
        found.append(
            Plan(
                code=raw["code"],
                name=raw["name"],
                name_en=raw.get("name_en", ""),
                source=raw["source"],
                starts_on=datetime.date.fromisoformat(raw["starts_on"]),
                ends_on=datetime.date.fromisoformat(raw["ends_on"]),
                targets=targets,
            )
        )
    return tuple(found)


def plan_for(day: datetime.date) -> Plan | None:
    """The plan in force on `day` (the latest-starting one), or None."""
    current = [p for p in plans() if p.starts_on <= day <= p.ends_on]
    return max(current, key=lambda p: p.starts_on) if current else None


def targets_for(day: datetime.date) -> dict[str, Target]:
    plan = plan_for(day)
    return {t.indicator: t for t in plan.targets} if plan else {}


@lru_cache(maxsize=1)
def benchmarks() -> tuple[Benchmark, ...]:
    return tuple(
        Benchmark(
            on=datetime.date.fromisoformat(row["on"]),
            indicator=row["indicator"],
            value=int(row["value"]),
            source=row["source"],
            source_url=row.get("source_url", ""),
            unverified=bool(row.get("unverified", False)),
        )
        for row in _read("benchmarks.json")["rows"]
    )


def latest_benchmark(indicator: str, on: datetime.date) -> Benchmark | None:
    rows = [b for b in benchmarks() if b.indicator == indicator and b.on <= on]
    return max(rows, key=lambda b: b.on) if rows else None


@lru_cache(maxsize=1)
def settings() -> dict:
    return _read("monitoring.json")


@lru_cache(maxsize=1)
def tile_grid() -> dict:
    return _read("tile_grid.json")
