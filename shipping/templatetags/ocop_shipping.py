"""The basket's shipping, cooperative by cooperative, for the basket and checkout pages."""

from __future__ import annotations

from django import template

from shipping.charges import per_cooperative

register = template.Library()


@register.simple_tag
def ocop_shipping_breakdown(basket) -> list:
    """Each cooperative's part of the basket: goods, shipping charge, free-shipping threshold."""
    return per_cooperative(basket) if basket is not None and not basket.is_empty else []
