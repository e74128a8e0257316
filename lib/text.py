"""Vietnamese text folding: "Cà phê Đắk Lắk" and "ca phe dak lak" meet."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Anything but a letter or a digit separates words, as PostgreSQL's text search parser does.
_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ becomes d) and collapse white space."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACE.sub(" ", stripped.lower()).strip()


def search_text(text: str | None) -> str:
    """`fold(text)` as words separated by single spaces: what products' search fields store.

    Punctuation goes, so "(Robusta)" and "500ml," are the words "robusta" and "500ml", and a
    word can be matched whole, by an index on PostgreSQL and by `LIKE '% word %'` on SQLite.
    """
    return _SEPARATORS.sub(" ", fold(text)).strip()
