"""Synonyms at query time: each term staff listed, folded, with the terms that mean the same.

The table is read once and cached under the catalogue version, which a synonym's change
bumps: the next search uses it, and shared pages and facet counts cached under the old
version are not served again. Nothing is reindexed.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.versions import CATALOGUE_VERSION

from .models import MAX_TERM_WORDS, Synonym
from .vocabulary import cached

Table = dict[str, list[tuple[str, str]]]


def _table() -> Table:
    table: Table = {}
    for synonym in Synonym.objects.filter(active=True).order_by("pk"):
        terms = synonym.spelled_terms()
        for folded, _spelled in terms:
            others = table.setdefault(folded, [])
            known = {f for f, _s in others}
            others.extend((f, s) for f, s in terms if f != folded and f not in known)
    return table


def synonym_table() -> Table:
    """Folded term → the terms that mean the same, folded and as spelled.

    "ca phe" → [("cafe", "cafe"), ("coffee", "coffee"), …]; "tra" → [("che", "chè"), …].
    """
    return cached("synonyms", None, _table)


def find(words: list[str], start: int, table: Table) -> tuple[int, list[tuple[str, str]]]:
    """The longest term starting at `words[start]`: how many words it spans, and its synonyms."""
    for length in range(min(MAX_TERM_WORDS, len(words) - start), 0, -1):
        phrase = " ".join(words[start : start + length])
        if phrase in table:
            return length, table[phrase]
    return 0, []


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender, **kwargs):
    CATALOGUE_VERSION.bump()
