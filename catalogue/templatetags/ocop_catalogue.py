"""Template helpers for the catalogue: the cached category tree and a product's breadcrumbs."""

from __future__ import annotations

from django import template

from catalogue import tree

register = template.Library()


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
