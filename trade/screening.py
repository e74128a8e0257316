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

# Runs of digits with single separators between them: phones may be written with dots
# ("0912.345.678"), account numbers with spaces or dashes; prices use dots ("1.250.000 đ"),
# so a dotted run is never read as an account number.
_PHONE_RUN = re.compile(r"(?<![\d+])\+?\d(?:[ .\-]?\d)*")
_ACCOUNT_RUN = re.compile(r"(?<!\d)\d(?:[ \-]?\d)*")


def _digits(run: str) -> str:
    return re.sub(r"\D", "", run)


def _is_phone(digits: str) -> bool:
    """A Vietnamese number: 0 and 9 or 10 digits, or 84 and 9 or 10 digits."""
    return (digits.startswith("0") and len(digits) in (10, 11)) or (
        digits.startswith("84") and len(digits) in (11, 12)
    )


@cache
def _phrases() -> tuple[str, ...]:
    data = json.loads(SCREENING_FILE.read_text(encoding="utf-8"))
    return tuple(fold(p) for p in data["off_platform_phrases"])


def reasons(text: str) -> list[str]:
    """Why `text` should be held before a quote is accepted; empty when it may pass."""
    found = []
    if any(_is_phone(_digits(run)) for run in _PHONE_RUN.findall(text)):
        found.append(PHONE)
    accounts = (_digits(run) for run in _ACCOUNT_RUN.findall(text))
    if any(8 <= len(d) <= 19 and not _is_phone(d) for d in accounts):
        found.append(BANK_ACCOUNT)
    folded = f" {fold(text)} "
    if any(re.search(rf"(?<![a-z0-9]){re.escape(p)}(?![a-z0-9])", folded) for p in _phrases()):
        found.append(OFF_PLATFORM)
    return found
