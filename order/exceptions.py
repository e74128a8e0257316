from oscar.apps.order.exceptions import *  # noqa: F403


class OutOfStock(Exception):  # noqa: N818 - reads better at the call sites
    """Not enough stock left for a line when the order was placed."""

    def __init__(self, product, available: int):
        super().__init__(f"{product} ({available} left)")
        self.product = product
        self.available = max(available, 0)
