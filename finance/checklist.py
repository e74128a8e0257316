"""The reviewers' checklist is data (finance/data/checklist.json): a fund adds a step there."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.i18n import wants_english

CHECKLIST_FILE = Path(__file__).resolve().parent / "data" / "checklist.json"


@dataclass(frozen=True)
class Item:
    key: str
    label_en: str
    label_vi: str

    @property
    def label(self) -> str:
        return self.label_en if wants_english() else self.label_vi


@lru_cache(maxsize=1)
def items() -> tuple[Item, ...]:
    data = json.loads(CHECKLIST_FILE.read_text(encoding="utf-8"))
    return tuple(Item(i["key"], i["label"], i["label_vi"]) for i in data["items"])


def keys() -> list[str]:
    return [item.key for item in items()]
