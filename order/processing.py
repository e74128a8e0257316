"""Oscar's event handler, changing an order's status through `Order.transition`.

Oscar's dashboard asks the handler to change a status; `set_status` alone would skip what the
move does (stock, shipments, `paid_at`) and its audit row. Our dashboard views call
`Order.transition` themselves; this covers any other caller of the handler.
"""

from __future__ import annotations

from oscar.apps.order.processing import *  # noqa: F403
from oscar.apps.order.processing import EventHandler as BaseEventHandler

from .exceptions import InvalidOrderStatus
from .statuses import Source


class EventHandler(BaseEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        outcome = order.transition(new_status, by=self.user, source=Source.STAFF)
        if outcome.refused:
            raise InvalidOrderStatus(outcome.refused)
        if note_msg:
            self.create_note(order, note_msg)
