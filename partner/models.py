"""Oscar's partners and stock records, with prices and stock kept sane by the database itself.

A cooperative types its own prices and stock: the dashboard refuses bad values with a clear
message (partner/validators.py), and these constraints refuse them from anywhere else too.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecord(AbstractStockRecord):
    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gt=0),
                name="stockrecord_price_positive",
                violation_error_message=_("A price is above 0 đồng."),
            ),
            # VND has no minor unit: prices are whole đồng.
            models.CheckConstraint(
                condition=Q(price=Round("price")),
                name="stockrecord_price_whole_dong",
                violation_error_message=_("A price is a whole number of đồng."),
            ),
            models.CheckConstraint(
                condition=Q(num_in_stock__gte=0),
                name="stockrecord_stock_not_negative",
                violation_error_message=_("Stock cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(num_allocated__gte=0),
                name="stockrecord_allocated_not_negative",
                violation_error_message=_("Allocated stock cannot be negative."),
            ),
            # Checkout allocates under a row lock and never past the stock (order.utils), and
            # shipping consumes both numbers together: an allocation beyond the stock is a bug.
            models.CheckConstraint(
                condition=Q(num_allocated__lte=F("num_in_stock")),
                name="stockrecord_allocated_within_stock",
                violation_error_message=_(
                    "More units are reserved for orders than there are in stock."
                ),
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402, F403
