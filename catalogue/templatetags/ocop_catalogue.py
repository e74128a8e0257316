"""Template helpers for the catalogue: product cards, the cached category tree, breadcrumbs."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.utils.translation import get_language
from oscar.core.loading import get_class, get_model

from catalogue import tree
from catalogue.models import today
from catalogue.rating_rules import current_rules
from catalogue.versions import CATALOGUE_VERSION
from lib import fragments
from lib.cache import hashed_key
from lib.i18n import wants_english

register = template.Library()

CARD_TEMPLATE = "oscar/catalogue/partials/product.html"
RECENTLY_VIEWED_SHOWN = 6


def _stamp(value) -> str:
    return str(value.timestamp()) if value else ""


def card_key(product, language: str, on) -> str:
    """Everything a card shows comes from these: the product, its rating, producer, images and stock."""
    rating = product.current_rating
    producer = product.producer if product.producer_id else None
    return hashed_key(
        "ocop:card",
        product.pk,
        _stamp(product.date_updated),
        _stamp(rating.updated_at) if rating else "",
        _stamp(producer.updated_at) if producer else "",
        [
            (s.pk, str(s.price), s.num_in_stock, s.num_allocated, _stamp(s.date_updated))
            for s in product.stockrecords.all()
        ],
        [(i.pk, str(i.original), i.display_order) for i in product.images.all()],
        on,
        language,
    )


@register.simple_tag(takes_context=True)
def ocop_product_cards(context, products):
    """The `<li>` product cards of a grid, each a fragment (`lib.fragments`) fetched in one
    round trip.

    A card is the same for every visitor (Oscar's default pricing strategy, which no user
    changes), but for its add-to-basket form's CSRF token: the fragment holds a placeholder
    that is replaced by this page's token.
    """
    products = list(products)
    if not products:
        return ""
    language, on = get_language() or "", today()
    keys = [card_key(product, language, on) for product in products]
    found = cache.get_many(keys) if fragments.fragment_seconds() else {}
    request = context.get("request")
    rendered = {}
    card_template = context.template.engine.get_template(CARD_TEMPLATE)
    cards = []
    for product, key in zip(products, keys, strict=True):
        card = found.get(key)
        if card is None:
            with context.push(product=product, **fragments.anonymous_context()):
                card = rendered[key] = fragments.storable(card_template.render(context), request)
        cards.append(f"<li>{card}</li>")
    if rendered and fragments.fragment_seconds():
        cache.set_many(rendered, fragments.fragment_seconds())
    return fragments.personalise("".join(cards), request, context.get("csrf_token"))


@register.simple_tag(takes_context=True)
def ocop_recently_viewed_ids(context, limit: int = RECENTLY_VIEWED_SHOWN) -> tuple:
    """The ids of the visitor's recently viewed products (their history cookie), newest
    first, without the product on the page."""
    request = context["request"]
    history = get_class("customer.history", "CustomerHistoryManager")
    match = getattr(request, "resolver_match", None)
    current = str(match.kwargs.get("pk", "")) if match else ""
    ids = [
        i for i in reversed(history.extract(request)) if isinstance(i, int) and str(i) != current
    ]
    return tuple(ids[:limit])


@register.simple_tag
def ocop_catalogue_state() -> tuple:
    """What every catalogue fragment's key holds: the catalogue version and the date."""
    return (CATALOGUE_VERSION.current(), today())


@register.simple_tag
def ocop_recently_viewed(ids) -> list:
    """The browsable products among `ids`, in that order, ready for cards in a fixed number
    of queries."""
    if not ids:
        return []
    Product = get_model("catalogue", "Product")
    products = {p.pk: p for p in Product.objects.browsable().filter(pk__in=ids).for_cards()}
    return [products[pk] for pk in ids if pk in products]


@register.simple_tag
def ocop_category_tree(max_depth: int = 0):
    """Public categories in tree order (`max_depth` 0: every level), from the cache."""
    return [n for n in tree.category_tree() if not max_depth or n.depth <= max_depth]


@register.simple_tag
def ocop_product_trail(product):
    """The category trail of a product's first category, using prefetched categories."""
    categories = list(product.categories.all())
    if not categories:
        return []
    return tree.ancestors_and_self(min(categories, key=lambda c: c.path).path)


@register.simple_tag
def ocop_category_ancestors(category):
    """A category's ancestors, highest first, from the cached tree."""
    return [n for n in tree.ancestors_and_self(category.path) if n.pk != category.pk]


@register.simple_tag
def ocop_rating_parts():
    """The score parts of the current rules with their names in the visitor's language, and
    the star bands (lowest score for each number of stars), for the product page's explanation."""
    rules = current_rules()
    english = wants_english()
    parts = [
        {"code": p.code, "name": (p.name_en or p.name) if english else p.name, "max": p.max}
        for p in rules.parts
    ]
    bands = [(min_score, stars) for min_score, stars in rules.bands if min_score > 0]
    return {"parts": parts, "bands": bands, "max_score": rules.max_score}
