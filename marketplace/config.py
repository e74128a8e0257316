"""Oscar's root app config, with the dashboard moved out of the shop."""

from __future__ import annotations

from oscar.config import Shop


class MarketplaceShopConfig(Shop):
    """Oscar's shop without its dashboard: the shop lives at /shop/, the dashboard at /dashboard/."""

    def get_urls(self):
        return [
            pattern
            for pattern in super().get_urls()
            if str(getattr(pattern, "pattern", "")) != "dashboard/"
        ]
