"""A visitor's query read the way Vietnamese shoppers type it, and matched against products.

Text is matched against `Product.search_title` / `search_body`, which hold folded copies
(lower case, no diacritics, đ → d, words separated by single spaces) so "ca phe" meets
"Cà phê" on either database. Matching is by whole words (`search.db.HasWords`): on
PostgreSQL a GIN index over the words serves it (catalogue migration 0037).

Each word, or phrase a synonym names, is a *slot*: a product must match every slot, and a
slot matches through any of its alternatives: the words as typed, a synonym or spelling
staff listed ("cafe" → "ca phe", "che" → "tra"), the known words a joined word splits into
("caphe" → "ca phe"), or catalogue words one typo away ("ongg" → "ong"). See
`search.vocabulary`; `search.ranking` orders what matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from lib.text import fold

from . import synonyms, vocabulary
from .db import HasWords
from .text import MIN_PREFIX_LENGTH, terms

TYPED, JOINED, SYNONYM, TYPO = "typed", "joined", "synonym", "typo"


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]
    kind: str  # TYPED, JOINED, SYNONYM or TYPO
    spelled: str = ""  # a synonym as staff spelled it, when it has diacritics ("chè")


@dataclass
class Slot:
    """One word (or a phrase a synonym names) of the query, and what else it may match."""

    typed: tuple[str, ...]
    alternatives: list[Alternative]  # the first is always the words as typed
    prefix: bool = False  # the typed last word may match the start of a word

    def fixes(self) -> list[Alternative]:
        """What the catalogue's vocabulary reads the typed words as (joined syllables, typos)."""
        return [a for a in self.alternatives if a.kind in (JOINED, TYPO)]


@dataclass
class TextQuery:
    """A visitor's query as folded words and the slots they make up.

    Words match whole words of a product's text ("ca" finds "cá", not "cao"). The last word
    of a query may match as a prefix instead: the search box's suggestions do so while the
    visitor types ("ca ph" finds "cà phê"), and the results page does for a last word of
    three letters or more, where a prefix stays selective.
    """

    words: list[str]
    slots: list[Slot] = field(default_factory=list)
    prefix: bool = False
    # The query as typed, lower-cased, when it has diacritics: exact spellings rank higher.
    accented: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, query: str | None, typing: bool = False) -> TextQuery:
        words = terms(query)
        if not words:
            return cls(words=[])
        prefix = typing or len(words[-1]) >= MIN_PREFIX_LENGTH
        slots = vocabulary.cached("slots", (words, prefix), lambda: build_slots(words, prefix))
        return cls(words=words, slots=slots, prefix=prefix, accented=accented_words(query))

    def __bool__(self) -> bool:
        return bool(self.words)

    def is_prefix(self, word: str) -> bool:
        return self.prefix and word == self.words[-1]

    def has_words(self) -> HasWords:
        return HasWords([sql_alternatives(slot) for slot in self.slots])

    @property
    def fuzzy(self) -> dict[str, list[str]]:
        """Typed words the catalogue does not hold → the words search also tried for them."""
        return {
            " ".join(slot.typed): [" ".join(a.words) for a in slot.fixes()]
            for slot in self.slots
            if slot.fixes()
        }

    def suggestion(self) -> str:
        """ "Did you mean": the query with each unknown word replaced by its likeliest reading.

        Empty when every word is known (nothing to suggest) or nothing could be read.
        """
        out, changed = [], False
        for slot in self.slots:
            fixes = slot.fixes()
            if fixes:
                out.extend(fixes[0].words)
                changed = True
            else:
                out.extend(slot.typed)
        return " ".join(out) if changed else ""


def sql_alternatives(slot: Slot) -> list[list[tuple[str, bool]]]:
    """A slot's alternatives as `HasWords` takes them: (word, matches as a prefix) pairs."""
    return [
        [
            (w, slot.prefix and a.kind == TYPED and i == len(a.words) - 1)
            for i, w in enumerate(a.words)
        ]
        for a in slot.alternatives
    ]


def build_slots(words: list[str], prefix: bool) -> list[Slot]:
    known = vocabulary.known_words(words)
    table = synonyms.synonym_table()
    slots: list[Slot] = []
    i = 0
    while i < len(words):
        span, same = synonyms.find(words, i, table)
        typed = tuple(words[i : i + max(span, 1)])
        last = i + len(typed) == len(words)
        slot = Slot(typed, [Alternative(typed, TYPED)], prefix=prefix and last)
        plural = f"{typed[-1]}s"
        if typed[-1].isalpha() and len(typed[-1]) >= 3 and plural in known:
            # English names on the English site: "pomelo" also finds "pomelos".
            slot.alternatives.append(Alternative((*typed[:-1], plural), TYPED))
        if not span and len(slot.alternatives) == 1 and typed[0] not in known:
            word = typed[0]
            for parts in vocabulary.splits(word, known):
                slot.alternatives.append(Alternative(tuple(parts), JOINED))
                length, also = synonyms.find(parts, 0, table)
                if length == len(parts) and not same:
                    same = also  # "nuocmam" → "nuoc mam" → "fish sauce"
            if not slot.fixes():
                for near in vocabulary.corrections(word):
                    slot.alternatives.append(Alternative((near,), TYPO))
        for term, spelled in same:
            accented = spelled if spelled != term else ""
            slot.alternatives.append(Alternative(tuple(term.split()), SYNONYM, accented))
        slots.append(slot)
        i += len(typed)
    return slots


def accented_words(query: str | None) -> list[str]:
    """The words of a query typed with diacritics, lower-cased ("Nươc mắm" → ["nươc", "mắm"])."""
    out = []
    for word in (query or "")[:200].lower().split():
        word = "".join(ch for ch in word if ch.isalnum())
        if word and fold(word) != word and word not in out:
            out.append(word)
    return out[:8]


def match_text(queryset: QuerySet, text: TextQuery) -> QuerySet:
    """Keep products matching every slot of the query, through any of its alternatives."""
    return queryset.filter(text.has_words())


def search_products(queryset: QuerySet, query: str | TextQuery | None) -> QuerySet:
    """Keep and rank the products matching `query`."""
    from .ranking import rank_text

    text = query if isinstance(query, TextQuery) else TextQuery.parse(query)
    if not text:
        return queryset
    return rank_text(match_text(queryset, text), text)
