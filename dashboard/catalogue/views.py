"""Oscar's catalogue dashboard views; the product picker's lookup reads its URL defensively."""

from __future__ import annotations

from oscar.apps.dashboard.catalogue import views

from lib.ids import as_id, valid_ids

PAGE_LIMIT, MAX_PAGE_LIMIT = 20, 100


class ProductLookupView(views.ProductLookupView):
    """Oscar turned ?page= and ?page_limit= into numbers unchecked and queried ?initial= ids
    as they came: junk, 0 or negatives were a 500. Now they fall back to the first page of
    20, and ids that no product can have find nothing."""

    def get_args(self):
        initial, q = self.request.GET.get("initial"), self.request.GET.get("q")
        page = as_id(self.request.GET.get("page", "")) or 1
        limit = as_id(self.request.GET.get("page_limit", "")) or PAGE_LIMIT
        return initial, q, page, min(limit, MAX_PAGE_LIMIT)

    def initial_filter(self, qs, value):
        return qs.filter(pk__in=valid_ids(value.split(",")))
