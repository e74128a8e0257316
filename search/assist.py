"""When a search finds nothing: "did you mean", the nearest category, and products with some of the words.

All of it comes from the catalogue itself (its vocabulary, its categories, its products) and
costs queries only on a page that found nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from oscar.core.loading import get_model

from catalogue import tree
from lib.text import search_text

from . import vocabulary
from .db import HasWords
from .query import TextQuery, sql_alternatives
from .ranking import order_by_relevance, rank_text

ProductCategory = get_model("catalogue", "ProductCategory")
Product = get_model("catalogue", "Product")

SOME_WORDS_LIMIT = 8


@dataclass
class ZeroResultHelp:
    suggestion: str = ""  # a query that finds products
    category: tree.Node | None = None
    products: list = field(default_factory=list)  # products holding some of the words


def _slot_words(slot) -> list[set[str]]:
    return [set(alt.words) for alt in slot.alternatives]


def some_words(base: QuerySet, text: TextQuery) -> QuerySet:
    """Products holding at least one slot of `text`, those holding most slots first."""
    any_slot = HasWords([[alt for slot in text.slots for alt in sql_alternatives(slot)]])
    matched = Value(0)
    for slot in text.slots:
        matched = matched + Case(
            When(HasWords([sql_alternatives(slot)]), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ranked = rank_text(base.filter(any_slot), text).annotate(slots_matched=matched)
    return order_by_relevance(ranked, "-slots_matched")


def _nearest_by_name(text: TextQuery) -> tree.Node | None:
    best, best_key = None, (0, 0)
    for node in tree.category_tree():
        words = set(search_text(f"{node.name} {node.name_en}").split())
        matched = sum(1 for slot in text.slots if any(alt <= words for alt in _slot_words(slot)))
        key = (matched, node.depth)
        if matched and key > best_key:
            best, best_key = node, key
    return best


def _nearest_by_products(ids: list[int]) -> tree.Node | None:
    if not ids:
        return None
    counts = Counter(
        ProductCategory.objects.filter(product_id__in=ids).values_list("category_id", flat=True)
    )
    by_pk = {node.pk: node for node in tree.category_tree()}
    for category_id, _n in counts.most_common():
        if category_id in by_pk:
            return by_pk[category_id]
    return None


def _corrected(text: TextQuery) -> str:
    """The query with each word the catalogue cannot read replaced by its nearest word."""
    out, changed = [], False
    for slot in text.slots:
        fixes = slot.fixes()
        if fixes:
            out.extend(fixes[0].words)
            changed = True
            continue
        if len(slot.typed) == 1 and len(slot.alternatives) == 1:
            word = slot.typed[0]
            near = vocabulary.cached("nearest", word, lambda w=word: vocabulary.nearest(w))
            if near and near != word:
                out.append(near)
                changed = True
                continue
        out.extend(slot.typed)
    return " ".join(out) if changed else ""


def zero_result_help(base: QuerySet, text: TextQuery) -> ZeroResultHelp:
    """Ways on from a search that found nothing in `base`."""
    help = ZeroResultHelp()
    found = list(some_words(base, text).values_list("pk", "slots_matched")[:SOME_WORDS_LIMIT])
    ids = [pk for pk, _n in found]
    corrected = _corrected(text)
    if corrected and base.filter(TextQuery.parse(corrected).has_words()).exists():
        help.suggestion = corrected
    elif found and len(text.slots) > 1:
        # Products hold some of the words, never all: suggest the words the best one holds.
        best = Product.objects.filter(pk=ids[0]).values_list("search_title", "search_body")[0]
        words = set(" ".join(best).split())
        kept = [
            " ".join(slot.typed)
            for slot in text.slots
            if any(alt <= words for alt in _slot_words(slot))
            or (slot.prefix and any(w.startswith(slot.typed[-1]) for w in words))
        ]
        help.suggestion = " ".join(kept)
    help.category = _nearest_by_name(text) or _nearest_by_products(ids)
    if ids:
        cards = {p.pk: p for p in Product.objects.filter(pk__in=ids).for_cards()}
        help.products = [cards[pk] for pk in ids if pk in cards]
    return help
