"""Messages that look like an off-platform deal: bank account numbers, phone numbers, requests
to pay elsewhere. The phrases are data (`trade/data/screening.json`); matching is on folded text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from lib.text import fold

SCREENING_FILE = Path(__file__).resolve().parent / "data" / "screening.json"

BANK_ACCOUNT = "bank_account"
PHONE = "phone"
OFF_PLATFORM = "off_platform"

# Vietnamese mobile and landline numbers: 0 or +84/84, then 9 or 10 digits, spaces, dots or dashes between.
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
# An account number: 8 to 19 digits in a row, possibly in groups separated by spaces or dashes.
_ACCOUNT = re.compile(r"(?<!\d)\d(?:[\s\-]?\d){7,18}(?!\d)")


@cache
def _phrases() -> tuple[str, ...]:
    data = json.loads(SCREENING_FILE.read_text(encoding="utf-8"))
    return tuple(fold(p) for p in data["off_platform_phrases"])


def reasons(text: str) -> list[str]:
    """Why `text` should be held before a quote is accepted; empty when it may pass."""
    found = []
    phones = {m.group() for m in _PHONE.finditer(text)}
    if phones:
        found.append(PHONE)
    for match in _ACCOUNT.finditer(text):
        if match.group() not in phones:
            found.append(BANK_ACCOUNT)
            break
    folded = f" {fold(text)} "
    if any(re.search(rf"(?<![a-z0-9]){re.escape(p)}(?![a-z0-9])", folded) for p in _phrases()):
        found.append(OFF_PLATFORM)
    return found
