"""People's names in the reader's order: "Nguyễn Thị Lan" in Vietnamese, "Lan Nguyễn Thị" in English.

Accounts keep Django's two fields: ``last_name`` holds the family (and middle) name, ``first_name``
the given name. Vietnamese puts the family name first; `full_name` is the one place that decides,
and `User.get_full_name` calls it (patched in customer.apps), so every page, e-mail and export
that shows a person's name follows it.
"""

from __future__ import annotations

from django.utils.translation import get_language

FAMILY_FIRST = ("vi",)


def full_name(given: str, family: str, language: str | None = None) -> str:
    """The name as readers of ``language`` (default: the active one) write it."""
    given, family = (given or "").strip(), (family or "").strip()
    language = (language or get_language() or "vi").split("-")[0]
    parts = (family, given) if language in FAMILY_FIRST else (given, family)
    return " ".join(part for part in parts if part)
