"""The board's rules (caps, allowances, expiry, rate limits) from `trade/data/rules.json`.

`settings.TRADE_RULES`, a dict, overrides single figures (a deployment's decision, a test).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.json"


@cache
def _file() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def rule(name: str) -> int:
    overrides = getattr(settings, "TRADE_RULES", None) or {}
    if name in overrides:
        return overrides[name]
    return _file()[name]
