"""Shared helpers for the producer tests: orders that mix two cooperatives' products."""

from __future__ import annotations

from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


def product_of(user):
    """A public product sold by the user's cooperative."""
    return (
        Product.objects.filter(stockrecords__partner__users=user, is_public=True)
        .order_by("pk")
        .first()
    )


def order_of(*products, quantities=None):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for position, product in enumerate(products):
        basket.add_product(product, quantity=(quantities or [1] * len(products))[position])
    return create_order(basket=basket)
