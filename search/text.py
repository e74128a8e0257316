"""What a visitor types, as search words: bounded, folded, and tolerant of one typo."""

from __future__ import annotations

from lib.text import search_text

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8


def terms(query: str | None) -> list[str]:
    """The folded words of a visitor's query, bounded so a huge query stays cheap."""
    folded = search_text((query or "")[:MAX_QUERY_LENGTH])
    seen: list[str] = []
    for word in folded.split(" "):
        if word and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


# Words shorter than this must be typed right: a typo in "ca" or "phe" matches too much;
# from four letters ("ongg" → "ong") a catalogue word one edit away is tried.
MIN_FUZZY_LENGTH = 4
# On the results page a last word this long also matches as a prefix ("gao st" finds "gạo"
# only where "st" is a word, "ca phe rob" finds "Robusta"); a shorter prefix matches too much.
MIN_PREFIX_LENGTH = 3


def within_one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with at most one typo: a letter wrong, missing, added, or two swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance between `a` and `b`, or `limit + 1` once it is certainly above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)
