"""The one bilingual rule: an ``_en`` twin beside each Vietnamese field.

Vietnamese is the site's language of record; an English page shows the ``_en`` value when
somebody filled it in and falls back to the Vietnamese text otherwise.
"""

from __future__ import annotations

from django.utils.translation import get_language


def wants_english() -> bool:
    """Whether the visitor reads the site in English."""
    return (get_language() or "vi").startswith("en")


def pick(obj: object, field: str) -> object:
    """The value of `field` in the visitor's language, Vietnamese when no translation exists."""
    if wants_english():
        english = getattr(obj, f"{field}_en", None)
        if english:
            return english
    return getattr(obj, field)


class TranslatedField:
    """A read-only attribute: ``tr_title = TranslatedField("title")`` reads title or title_en."""

    def __init__(self, field: str):
        self.field = field

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return pick(obj, self.field)
