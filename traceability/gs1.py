"""GS1 identifiers: GTIN check digits (GS1 General Specifications, section 7.9)."""

from __future__ import annotations

VIETNAM_PREFIX = "893"
GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The check digit for a GTIN without its last digit (weights 3,1,3,… from the right)."""
    if not body.isdigit():
        raise ValueError("a GTIN has digits only")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(value: str) -> bool:
    value = (value or "").strip()
    if len(value) not in GTIN_LENGTHS or not value.isdigit():
        return False
    return check_digit(value[:-1]) == int(value[-1])


def make_gtin13(company_prefix: str, item_reference: str) -> str:
    """A GTIN-13 under Vietnam's 893 prefix, with its check digit."""
    body = f"{VIETNAM_PREFIX}{company_prefix}{item_reference}"
    if len(body) != 12:
        raise ValueError("prefix, company prefix and item reference must make 12 digits")
    return body + str(check_digit(body))


def to_gtin14(value: str) -> str:
    """Left-pad a valid GTIN-8/12/13 to the 14 digits a GS1 Digital Link URI carries."""
    if not is_valid_gtin(value):
        raise ValueError(f"not a valid GTIN: {value!r}")
    return value.zfill(14)
