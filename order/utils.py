"""Order numbers, and placement that never oversells and opens one shipment per cooperative."""

from __future__ import annotations

from oscar.apps.order.utils import *  # noqa: F403
from oscar.apps.order.utils import OrderCreator as BaseOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator as BaseOrderNumberGenerator
from oscar.core.loading import get_model

from shipping.charges import per_cooperative

from .exceptions import OutOfStock

StockRecord = get_model("partner", "StockRecord")
Shipment = get_model("order", "Shipment")


class OrderNumberGenerator(BaseOrderNumberGenerator):
    """The basket's id plus 100000, known before the order exists (card intents, VietQR memos)."""

    def order_number(self, basket) -> str:
        return str(100000 + basket.id)


class OrderCreator(BaseOrderCreator):
    def place_order(self, basket, *args, **kwargs):
        # The lines are split before the basket is consumed, for the shipments below.
        self._groups = per_cooperative(basket)
        order = super().place_order(basket, *args, **kwargs)
        return order

    def create_order_model(self, user, *args, **kwargs):
        from .statuses import Source
        from .transitions import record

        order = super().create_order_model(user, *args, **kwargs)
        # The first row of the order's history: placed, in its initial status.
        record(order, "", order.status, by=user, source=Source.BUYER)
        for group in self._groups:
            Shipment.objects.create(
                order=order,
                partner=group.partner,
                partner_name=group.partner.name,
                subtotal=group.subtotal,
                shipping_charge=group.charge,
            )
        return order

    def update_stock_records(self, line):
        """Allocate under a row lock, so two buyers can never both take the last unit.

        Oscar calls this inside the order's transaction, in stock-record order (no
        deadlocks); raising rolls the whole order back. On SQLite the IMMEDIATE
        transactions in the settings serialise writers instead of the row lock.
        """
        if line.stockrecord_id is None:
            return
        record = StockRecord.objects.select_for_update().get(pk=line.stockrecord_id)
        if record.can_track_allocations:
            available = (record.num_in_stock or 0) - (record.num_allocated or 0)
            if line.quantity > available:
                raise OutOfStock(line.product, available)
        record.allocate(line.quantity)
