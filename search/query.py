"""Text search straight from the database, on SQLite and PostgreSQL alike.

Text is matched against `Product.search_title` / `search_body`, which hold folded copies
(lower case, no diacritics, đ → d, words separated by single spaces) so "ca phe" meets
"Cà phê" on either database. Matching is by whole words (`search.db.HasWords`): on
PostgreSQL a GIN index over the words serves it (migration 0037). A long word the catalogue
does not hold also matches the catalogue's words one typo away; `rank_text` scores matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, CharField, Func, IntegerField, Q, QuerySet, Value, When
from oscar.core.loading import get_model

from .db import HasWords
from .text import MIN_FUZZY_LENGTH, MIN_PREFIX_LENGTH, terms, within_one_edit

SearchWord = get_model("catalogue", "SearchWord")


def _fuzzy_candidates(words: list[str]) -> dict[str, list[str]]:
    """For each long query word the catalogue does not contain, the catalogue's words one typo away."""
    long_words = [w for w in words if len(w) >= MIN_FUZZY_LENGTH and len(w) <= 64]
    if not long_words:
        return {}
    result: dict[str, list[str]] = {}
    pending = []
    for word in long_words:
        cached = cache.get(f"search:fuzzy:{word}")
        if cached is None:
            pending.append(word)
        else:
            result[word] = cached
    if pending:
        known = set(SearchWord.objects.filter(word__in=pending).values_list("word", flat=True))
        unknown = [w for w in pending if w not in known]
        for word in known:
            result[word] = []
        if unknown:
            lengths = {n for w in unknown for n in (len(w) - 1, len(w), len(w) + 1)}
            vocabulary = SearchWord.objects.filter(length__in=lengths).values_list(
                "word", flat=True
            )
            near: dict[str, list[str]] = {w: [] for w in unknown}
            for candidate in vocabulary.iterator(chunk_size=5000):
                for word in unknown:
                    if within_one_edit(word, candidate) and len(near[word]) < 8:
                        near[word].append(candidate)
            result.update(near)
        for word in pending:
            cache.set(f"search:fuzzy:{word}", result[word], 600)
    return {w: c for w, c in result.items() if c}


@dataclass
class TextQuery:
    """A visitor's query as folded words, their typo corrections, and whether the last is a prefix.

    Words match whole words of a product's text ("ca" finds "cá", not "cao"). The last word
    of a query may match as a prefix instead: the search box's suggestions do so while the
    visitor types ("ca ph" finds "cà phê"), and the results page does for a last word of
    three letters or more, where a prefix stays selective.
    """

    words: list[str]
    fuzzy: dict[str, list[str]]
    prefix: bool = False

    @classmethod
    def parse(cls, query: str | None, typing: bool = False) -> TextQuery:
        words = terms(query)
        prefix = bool(words) and (typing or len(words[-1]) >= MIN_PREFIX_LENGTH)
        return cls(words=words, fuzzy=_fuzzy_candidates(words) if words else {}, prefix=prefix)

    def __bool__(self) -> bool:
        return bool(self.words)

    def variants(self, word: str) -> list[str]:
        return [word, *self.fuzzy.get(word, [])]

    def is_prefix(self, word: str) -> bool:
        return self.prefix and word == self.words[-1]

    def groups(self) -> list[tuple[list[str], bool]]:
        return [(self.variants(w), self.is_prefix(w)) for w in self.words]


def match_text(queryset: QuerySet, text: TextQuery) -> QuerySet:
    """Keep products holding every word of the query, or a word one typo away."""
    return queryset.filter(HasWords(text.groups()))


class _PaddedTitle(Func):
    template = "(' ' || %(expressions)s || ' ')"
    output_field = CharField()


def _title_has(word: str, prefix: bool = False) -> Q:
    return Q(padded_title__contains=f" {word}" if prefix else f" {word} ")


def rank_text(queryset: QuerySet, text: TextQuery) -> QuerySet:
    """Annotate `relevance`: title words above text words, exact spelling above a typo, the phrase on top."""
    score = Value(0)
    for word in text.words:
        prefix = text.is_prefix(word)
        fuzzy_title = Q()
        for variant in text.fuzzy.get(word, []):
            fuzzy_title |= _title_has(variant, prefix)
        whens = [When(_title_has(word, prefix), then=Value(4))]
        if fuzzy_title:
            whens.append(When(fuzzy_title, then=Value(2)))
        score = score + Case(*whens, default=Value(0), output_field=IntegerField())
    if len(text.words) > 1:
        phrase = " ".join(text.words)
        score = score + Case(
            When(_title_has(phrase, text.prefix), then=Value(5)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return queryset.alias(padded_title=_PaddedTitle("search_title")).annotate(relevance=score)


def search_products(queryset: QuerySet, query: str | TextQuery | None) -> QuerySet:
    """Keep and rank the products matching `query`."""
    text = query if isinstance(query, TextQuery) else TextQuery.parse(query)
    if not text:
        return queryset
    return rank_text(match_text(queryset, text), text)
