from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from .charges import per_cooperative


class PerCooperative(Base):
    """Each cooperative in the basket ships its own lines; the charge is the sum of theirs."""

    code = "per-cooperative"
    name = _("Delivery by each cooperative")

    def calculate(self, basket):
        total = sum((group.charge for group in per_cooperative(basket)), Decimal(0))
        return prices.Price(currency=basket.currency or "VND", excl_tax=total, incl_tax=total)
