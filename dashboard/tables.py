"""The base of every dashboard table: a page size from the URL (?per_page=) outside 1 to
MAX_PER_PAGE is ignored, where Oscar's tables divided by it (0, negative: a 500) or listed
everything on one page."""

from __future__ import annotations

from oscar.apps.dashboard import tables

MAX_PER_PAGE = 100


class DashboardTable(tables.DashboardTable):
    def paginate(self, *args, per_page=None, **kwargs):
        if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
            per_page = None  # the table's own size
        return super().paginate(*args, per_page=per_page, **kwargs)

    class Meta(tables.DashboardTable.Meta):
        pass
