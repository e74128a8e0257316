"""Consent per purpose (PDP Law 91/2025/QH15, Art. 9: voluntary, informed, per purpose, never
pre-ticked; Art. 12: withdrawal stops the processing at once). The newest record wins."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from lib import consent as gate

from .models import ConsentRecord


@dataclass(frozen=True)
class Purpose:
    code: str
    version: str
    asked_at_use: bool  # asked by the feature itself each time (the browser's location prompt)
    title: str
    text: str


# The wording, translated; data/purposes.json holds codes and versions (the source of truth).
TITLES = {
    "marketing_email": (
        _("Marketing e-mails"),
        _("Send me news, offers and fair invitations by e-mail."),
    ),
    "scan_location": (
        _("Location on scans"),
        _(
            "When I scan a product's code, record my approximate location (about 10 km) "
            "to detect counterfeits."
        ),
    ),
    "analytics": (_("Analytics"), _("Count the pages I visit to improve the marketplace.")),
}


@cache
def purposes() -> dict[str, Purpose]:
    data = json.loads((Path(__file__).with_name("data") / "purposes.json").read_text("utf-8"))
    return {p["code"]: Purpose(**p) for p in data["purposes"]}


def title(code: str) -> str:
    return str(TITLES[code][0]) if code in TITLES else code


def text(code: str) -> str:
    return str(TITLES[code][1]) if code in TITLES else code


def latest(user) -> dict[str, ConsentRecord]:
    """The newest record per purpose for `user`."""
    found: dict[str, ConsentRecord] = {}
    for record in ConsentRecord.objects.filter(user=user).order_by("-at", "-pk"):
        found.setdefault(record.purpose, record)
    return found


def record(user, code: str, granted: bool, method: str) -> ConsentRecord:
    purpose = purposes()[code]
    return ConsentRecord.objects.create(
        user=user, purpose=code, granted=granted, text_version=purpose.version, method=method
    )


def set_choices(
    user, wanted: set[str], method: str = ConsentRecord.Method.FORM, refuse_unasked: bool = False
) -> list[str]:
    """Record what changed between `user`'s current consents and `wanted`; return the codes."""
    current = latest(user)
    changed = []
    for code in purposes():
        granted = code in wanted
        now = current.get(code)
        if now is not None and now.granted == granted:
            continue
        if now is None and not granted and not refuse_unasked:
            continue  # never given: nothing to withdraw
        record(
            user,
            code,
            granted,
            method
            if granted
            else (ConsentRecord.Method.WITHDRAWAL if method == "form" else method),
        )
        changed.append(code)
    return changed


def withdraw_all(user, method: str = ConsentRecord.Method.RESTRICTION) -> list[str]:
    """Stop every optional processing, those asked at the moment of use included."""
    return set_choices(user, set(), method=method, refuse_unasked=True)


def allows(user, code: str) -> bool:
    """Processing `code` for `user` may go ahead: granted and not withdrawn since."""
    purpose = purposes().get(code)
    if purpose is None:
        return False
    if user is None or not user.is_authenticated:
        return purpose.asked_at_use
    now = ConsentRecord.objects.filter(user=user, purpose=code).order_by("-at", "-pk").first()
    if now is None:
        # A feature that asks at the moment of use (the browser's prompt) may ask.
        return purpose.asked_at_use
    return now.granted


def consenting_users(code: str):
    """Users whose newest record for `code` grants it: the only ones to process for it."""
    newest = ConsentRecord.objects.filter(user=OuterRef("pk"), purpose=code).order_by("-at", "-pk")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(consent=Subquery(newest.values("granted")[:1]))
        .filter(consent=True)
    )


def install() -> None:
    gate.register(allows)
