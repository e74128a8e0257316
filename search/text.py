"""Vietnamese text folding for search: "Cà phê Đắk Lắk" and "ca phe dak lak" meet."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ becomes d) and collapse white space."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACE.sub(" ", stripped.lower()).strip()


def terms(query: str | None) -> list[str]:
    """The folded words of a visitor's query, bounded so a huge query stays cheap."""
    folded = fold(_NON_WORD.sub(" ", (query or "")[:MAX_QUERY_LENGTH]))
    seen: list[str] = []
    for word in folded.split(" "):
        if word and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]
