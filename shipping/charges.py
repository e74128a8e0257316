"""Shipping per cooperative: each ships its own lines, at its own flat rate or free above a threshold."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from oscar.core.loading import get_model

CooperativeShipping = get_model("shipping", "CooperativeShipping")


@dataclass
class CooperativeCharge:
    partner: object
    lines: list = field(default_factory=list)
    subtotal: Decimal = Decimal(0)
    charge: Decimal = Decimal(0)
    ships_goods: bool = False  # tours and other services travel by no carrier
    free_above: Decimal | None = None  # the goods subtotal from which this cooperative ships free

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.charge

    @property
    def short_of_free(self) -> Decimal | None:
        """How much more of this cooperative's goods would make its shipping free, if any would."""
        if not self.charge or self.free_above is None or self.subtotal >= self.free_above:
            return None
        return self.free_above - self.subtotal


def per_cooperative(basket) -> list[CooperativeCharge]:
    """The basket split by cooperative, each with its goods subtotal and shipping charge."""
    groups: OrderedDict[int, CooperativeCharge] = OrderedDict()
    for line in basket.all_lines():
        if line.stockrecord is None:
            continue
        partner = line.stockrecord.partner
        group = groups.setdefault(partner.pk, CooperativeCharge(partner=partner))
        group.lines.append(line)
        group.subtotal += line.line_price_incl_tax or Decimal(0)
        group.ships_goods |= line.product.is_shipping_required
    settings_by_partner = {
        s.partner_id: s for s in CooperativeShipping.objects.filter(partner_id__in=groups.keys())
    }
    rate, free_above = CooperativeShipping.defaults()
    for partner_id, group in groups.items():
        rule = settings_by_partner.get(partner_id) or CooperativeShipping(
            flat_rate=rate, free_above=free_above
        )
        group.charge = rule.charge_for(group.subtotal) if group.ships_goods else Decimal(0)
        group.free_above = rule.free_above
    return list(groups.values())
