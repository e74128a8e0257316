"""`Product.rank_boost`: what search orders equally relevant products by, stored on the product.

In stock first, then certified OCOP stars: `IN_STOCK` (10) when a stock record has units to sell
(or the product's class does not track stock), plus the stars (3–5) of an OCOP certificate in
force today. Search reads the column as its last ranking key (`search/ranking.py`); computing
it per query cost two to four times the time of ordering a broad search at 100,000 products.

It is kept up to date by the same signals that bump the catalogue version (`signals.connect`):
a rating or a stock record saved or deleted recomputes its product's boost, in one UPDATE. A
certificate expiring changes nothing in the database on that day, so the daily task
`catalogue.refresh_rank_boosts` recomputes every product (and puts right any stock changed with
SQL); the migration that added the column filled it the same way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

IN_STOCK = 10


def boost(product_model, rating_model, stockrecord_model, on: datetime.date | None = None):
    """The expression of a product's boost, for `Product.objects.update(rank_boost=…)`; takes
    the models so the migration can pass its historical ones."""
    from .models import certified_rating_q

    on = on or timezone.localdate()
    stars = (
        rating_model.objects.filter(product=OuterRef("pk"))
        .filter(certified_rating_q(on))
        .values("stars")[:1]
    )
    sellable = stockrecord_model.objects.filter(product=OuterRef("pk")).filter(
        Q(product__product_class__track_stock=False)
        | Q(product__parent__product_class__track_stock=False)
        | Q(num_in_stock__isnull=False, num_in_stock__gt=Coalesce(F("num_allocated"), 0))
    )
    return Coalesce(Subquery(stars, output_field=IntegerField()), Value(0)) + Case(
        When(Exists(sellable), then=Value(IN_STOCK)), default=Value(0), output_field=IntegerField()
    )


def _models():
    from oscar.core.loading import get_model

    return (
        get_model("catalogue", "Product"),
        get_model("catalogue", "OcopRating"),
        get_model("partner", "StockRecord"),
    )


def refresh(product_ids: Iterable[int] | None = None) -> int:
    """Recompute the boost of `product_ids` (every product when None); the rows updated."""
    Product, OcopRating, StockRecord = _models()
    products = Product.objects.all()
    if product_ids is not None:
        products = products.filter(pk__in=[pk for pk in product_ids if pk])
    return products.update(rank_boost=boost(Product, OcopRating, StockRecord))


def on_change(sender, instance, raw=False, **kwargs) -> None:
    """A rating or stock record saved or deleted: its product's boost again."""
    if raw:
        return
    refresh([instance.product_id])
