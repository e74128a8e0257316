"""What a query's words may also mean, from the catalogue's own vocabulary and the synonyms.

- words typed together: "caphe" is not a word of the catalogue but "ca" and "phe" are;
- typos: "ongg" is one edit from "ong", a word of the catalogue (words of four letters or
  more; diacritics and tones are folded away before, so "mât" already meets "mật");
- synonyms and spellings staff keep in the dashboard (`search.models.Synonym`).

The vocabulary is `catalogue.SearchWord`: every folded word of every product's text, kept
up to date as products are saved. Lookups go by exact word or by length, never over products.
"""

from __future__ import annotations

import functools

from django.core.cache import cache
from oscar.core.loading import get_model

from catalogue.versions import CATALOGUE_VERSION
from lib.cache import hashed_key

from .text import MIN_FUZZY_LENGTH, edit_distance, within_one_edit

SearchWord = get_model("catalogue", "SearchWord")

# A syllable typed without spaces splits into at most this many known words, each this long.
MAX_SPLIT_PARTS = 4
MIN_PART_LENGTH = 2
MAX_PART_LENGTH = 7  # "nghieng", the longest Vietnamese syllable
MAX_SPLITS = 3
MAX_CORRECTIONS = 8
CACHE_SECONDS = 600


def known_words(words: list[str]) -> set[str]:
    """Which of `words` (and of the pieces they could split into) the catalogue holds."""
    wanted = set(words) | {f"{w}s" for w in words}
    for word in words:
        wanted |= _pieces(word)
    wanted = {w for w in wanted if 2 <= len(w) <= 64}
    if not wanted:
        return set()
    return set(SearchWord.objects.filter(word__in=wanted).values_list("word", flat=True))


def _pieces(word: str) -> set[str]:
    if len(word) < 2 * MIN_PART_LENGTH or len(word) > MAX_SPLIT_PARTS * MAX_PART_LENGTH:
        return set()
    return {
        word[i:j]
        for i in range(len(word))
        for j in range(i + MIN_PART_LENGTH, min(len(word), i + MAX_PART_LENGTH) + 1)
        if j - i < len(word)
    }


def splits(word: str, known: set[str]) -> list[list[str]]:
    """The ways `word` reads as known words typed together, fewest pieces first ("caphe" → ca phe)."""
    if word.isdigit() or not _pieces(word):
        return []

    @functools.cache
    def ways(start: int) -> list[tuple[str, ...]]:
        if start == len(word):
            return [()]
        out = []
        for end in range(start + MIN_PART_LENGTH, min(len(word), start + MAX_PART_LENGTH) + 1):
            piece = word[start:end]
            if piece in known:
                out.extend((piece, *rest) for rest in ways(end) if len(rest) < MAX_SPLIT_PARTS)
        return out

    found = [list(way) for way in ways(0) if 2 <= len(way) <= MAX_SPLIT_PARTS]
    found.sort(key=len)
    return [way for way in found if len(way) == len(found[0])][:MAX_SPLITS] if found else []


def corrections(word: str) -> list[str]:
    """Words of the catalogue one edit away from `word`, for a word of four letters or more."""
    if len(word) < MIN_FUZZY_LENGTH or len(word) > 64 or word.isdigit():
        return []
    lengths = (len(word) - 1, len(word), len(word) + 1)
    near = []
    vocabulary = SearchWord.objects.filter(length__in=lengths).values_list("word", flat=True)
    for candidate in vocabulary.iterator(chunk_size=5000):
        if candidate != word and within_one_edit(word, candidate):
            near.append(candidate)
    # Same length first (a wrong or swapped letter), then a letter missing or extra.
    near.sort(key=lambda c: (abs(len(c) - len(word)), c))
    return near[:MAX_CORRECTIONS]


def cached(name: str, words: object, compute):
    """`compute()`, kept until the catalogue (its words, its synonyms) changes."""
    key = hashed_key("ocop:search", name, repr(words), CATALOGUE_VERSION.current())
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def nearest(word: str, limit: int = 2) -> str:
    """The catalogue word closest to `word` within `limit` edits (for "did you mean"), or ""."""
    if len(word) < MIN_FUZZY_LENGTH or len(word) > 64 or word.isdigit():
        return ""
    lengths = range(len(word) - limit, len(word) + limit + 1)
    best, best_key = "", None
    vocabulary = SearchWord.objects.filter(length__in=list(lengths)).values_list("word", flat=True)
    for candidate in vocabulary.iterator(chunk_size=5000):
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, abs(len(candidate) - len(word)), candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best
