"""What a card payment pays for, frozen when its intent starts: lines, shipping and total.

The order of a card payment is placed from this snapshot, stored with the attempt
(payment.StripeCheckout.snapshot), never from the basket as it is when the money arrives:
the order has the same lines, quantities and prices, and its total is the amount charged.
Offer discounts are in the line prices; no offer or voucher usage is recorded (there are none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from oscar.apps.order.signals import order_placed
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from shipping.charges import CooperativeCharge, per_cooperative

from .placement import totals

OrderCreator = get_class("order.utils", "OrderCreator")
Order = get_model("order", "Order")
Option = get_model("catalogue", "Option")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

LINE_PRICES = (
    "unit_price_excl_tax",
    "unit_price_incl_tax",
    "line_price_excl_tax",
    "line_price_incl_tax",
    "line_price_excl_tax_incl_discounts",
    "line_price_incl_tax_incl_discounts",
)


class Gone(Exception):  # noqa: N818 - reads as "snapshot.Gone"
    """A product or cooperative of the snapshot no longer exists: the order cannot be placed."""


def _money(value) -> str | None:
    return None if value is None else str(value)


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def take(basket, request=None) -> dict:
    """The priced basket (its strategy and offers applied) as stored with the attempt."""
    method, charge, total = totals(basket, request)
    lines = []
    for line in basket.all_lines():
        item = {
            "product": line.product_id,
            "stockrecord": line.stockrecord_id,
            "title": line.product.get_title(),
            "quantity": line.quantity,
            "tax_code": line.tax_code,
            "breakdown": [
                [_money(incl), _money(excl), quantity]
                for incl, excl, quantity in line.get_price_breakdown()
            ],
            "options": [{"option": a.option_id, "value": a.value} for a in line.attributes.all()],
        }
        item.update({name: _money(getattr(line, name)) for name in LINE_PRICES})
        lines.append(item)
    return {
        "currency": total.currency,
        "lines": lines,
        "cooperatives": [
            {"partner": g.partner.pk, "subtotal": _money(g.subtotal), "charge": _money(g.charge)}
            for g in per_cooperative(basket)
        ],
        "shipping": {
            "code": method.code,
            "name": str(method.name),
            "excl_tax": _money(charge.excl_tax),
            "incl_tax": _money(charge.incl_tax),
            "tax_code": charge.tax_code,
        },
        "total": {"excl_tax": _money(total.excl_tax), "incl_tax": _money(total.incl_tax)},
    }


def amount(snapshot: dict) -> int:
    """What to charge, in whole dong."""
    return int(Decimal(snapshot["total"]["incl_tax"]))


class _Attributes(list):
    def all(self):
        return self


@dataclass
class PricedLine:
    """A snapshot line, shaped like the basket line Oscar's OrderCreator reads."""

    product: object
    stockrecord: object
    quantity: int
    tax_code: str | None
    breakdown: list
    attributes: _Attributes
    prices: dict = field(default_factory=dict)
    id = None
    discounts = ()  # discounted prices are in the line prices; see the module's docstring

    def __getattr__(self, name):
        if name in LINE_PRICES:
            return self.prices[name]
        raise AttributeError(name)

    @property
    def stockrecord_id(self) -> int:
        return self.stockrecord.pk

    def get_price_breakdown(self) -> list:
        return self.breakdown


def lines(snapshot: dict) -> list[PricedLine]:
    """The snapshot's lines with their products and stock records; raises Gone."""
    records = StockRecord.objects.select_related("product", "partner").in_bulk(
        [item["stockrecord"] for item in snapshot["lines"]]
    )
    options = Option.objects.in_bulk(
        [o["option"] for item in snapshot["lines"] for o in item.get("options", [])]
    )
    priced = []
    for item in snapshot["lines"]:
        record = records.get(item["stockrecord"])
        if record is None or record.product_id != item["product"]:
            raise Gone(item.get("title", item["product"]))
        attributes = _Attributes(
            SimpleNamespace(option=options[o["option"]], value=o["value"])
            for o in item.get("options", [])
            if o["option"] in options
        )
        priced.append(
            PricedLine(
                product=record.product,
                stockrecord=record,
                quantity=item["quantity"],
                tax_code=item.get("tax_code"),
                breakdown=[(_dec(i), _dec(e), q) for i, e, q in item["breakdown"]],
                attributes=attributes,
                prices={name: _dec(item[name]) for name in LINE_PRICES},
            )
        )
    if not priced:
        raise Gone("no lines")
    return priced


class SnapshotOrderCreator(OrderCreator):
    """Oscar's placement (shipments per cooperative, stock allocated under a row lock) fed
    with the snapshot's lines, shipping and total instead of a basket's."""

    def place_snapshot(self, snapshot: dict, *, basket, order_number: str, **fields):
        currency = snapshot["currency"]
        shipping = snapshot["shipping"]
        charge = prices.Price(
            currency,
            _dec(shipping["excl_tax"]),
            incl_tax=_dec(shipping["incl_tax"]),
            tax_code=shipping.get("tax_code"),
        )
        total = prices.Price(
            currency,
            _dec(snapshot["total"]["excl_tax"]),
            incl_tax=_dec(snapshot["total"]["incl_tax"]),
        )
        method = SimpleNamespace(code=shipping["code"], name=shipping["name"])
        priced = lines(snapshot)
        partners = Partner.objects.in_bulk([g["partner"] for g in snapshot["cooperatives"]])
        if len(partners) != len(snapshot["cooperatives"]):
            raise Gone("a cooperative")
        # The shipments created with the order (order.utils.OrderCreator.create_order_model).
        self._groups = [
            CooperativeCharge(
                partner=partners[g["partner"]],
                subtotal=_dec(g["subtotal"]),
                charge=_dec(g["charge"]),
            )
            for g in snapshot["cooperatives"]
        ]
        if Order.objects.filter(number=order_number).exists():
            raise ValueError(f"order {order_number} exists already")
        user, address = fields.pop("user"), fields.pop("shipping_address")
        status, request = fields.pop("status"), fields.pop("request", None)
        with transaction.atomic():
            order = self.create_order_model(
                user, basket, address, method, charge, None, total, order_number, status, request,
                **fields,
            )  # fmt: skip
            for line in priced:
                self.create_line_models(order, line)
            for line in sorted(priced, key=lambda line: line.stockrecord_id):
                self.update_stock_records(line)
        order_placed.send(sender=self, order=order, user=user)
        return order
