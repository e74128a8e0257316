"""Oscar's basket; a line whose product can no longer be bought says so."""

from __future__ import annotations

from oscar.apps.basket.abstract_models import AbstractLine

from .availability import remove_to_check_out, unavailable_reason


class Line(AbstractLine):
    def unavailable_reason(self) -> str | None:
        """Why this line cannot be bought (a suspended cooperative, a hidden product), or None."""
        if not hasattr(self, "_unavailable_reason"):
            self._unavailable_reason = unavailable_reason(self.product, self.stockrecord)
        return self._unavailable_reason

    def get_warning(self):
        # Shown on the basket page beside Oscar's own warnings (price changes, no stock).
        reason = self.unavailable_reason()
        if reason:
            return remove_to_check_out(reason)
        return super().get_warning()


from oscar.apps.basket.models import *  # noqa: E402, F403
