"""A person's data across the apps: what each app holds of them (export), and how it goes
(erasure). PDP Law 91/2025/QH15, Art. 4 (see and obtain one's data) and Art. 16 (deletion);
accounting law keeps orders and invoices, so those are anonymised instead of deleted.

Apps register a provider per kind of data (`register`); `export` and `erase` walk them all.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

Row = dict[str, object]


@dataclass(frozen=True)
class Provider:
    name: str
    title: object  # a lazy translation
    export: Callable[[object], list[Row]]
    erase: Callable[[object, list[str]], None] | None = None


_providers: dict[str, Provider] = {}


_identifier_sources: list[Callable[[object], Iterable[str]]] = []


def register(name: str, title, export, erase=None) -> None:
    _providers[name] = Provider(name, title, export, erase)


def register_identifiers(source: Callable[[object], Iterable[str]]) -> None:
    """More of what identifies a user in free text (their addresses' names and phones)."""
    if source not in _identifier_sources:
        _identifier_sources.append(source)


def providers() -> list[Provider]:
    return list(_providers.values())


def plain(value):
    """A JSON-friendly value: dates as ISO text, numbers as numbers, the rest as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def export(user) -> dict:
    """Everything the marketplace holds about `user`, by section, ready for JSON."""
    sections = {p.name: [plain(row) for row in p.export(user)] for p in providers()}
    return {"generated_at": timezone.now().isoformat(), "user_id": user.pk, "sections": sections}


def titled(data: dict) -> list[tuple[str, list[Row]]]:
    """The export's sections with their translated titles, for the readable copy."""
    titles = {p.name: str(p.title) for p in providers()}
    return [(titles.get(name, name), rows) for name, rows in data["sections"].items()]


def identifiers(user) -> list[str]:
    """What identifies `user` in free text: e-mail, names, phone numbers of their addresses."""
    found = {user.email, user.get_full_name(), user.first_name, user.last_name, user.username}
    for extra in _identifier_sources:
        found.update(extra(user))
    return sorted({v.strip() for v in found if v and len(v.strip()) >= 3}, key=len, reverse=True)


def scrub(text: str, needles: Iterable[str]) -> str:
    """`text` with every needle (case-insensitive) replaced by an ellipsis in brackets."""
    for needle in needles:
        if needle:
            text = re.sub(re.escape(needle), "[…]", text, flags=re.IGNORECASE)
    return text


@transaction.atomic
def erase(user) -> None:
    """Delete what may go, anonymise what the law keeps, then the account itself."""
    needles = identifiers(user)
    for provider in providers():
        if provider.erase is not None:
            provider.erase(user, needles)
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()  # also ends every session: their auth hash no longer matches
    user.save()
