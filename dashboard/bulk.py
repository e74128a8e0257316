"""Bulk actions on the dashboard's lists (products, categories, orders, users): ids posted from a
list's checkboxes that no row can have are dropped, not sent to the database (a 500)."""

from __future__ import annotations

from lib.ids import valid_ids


class SelectedIdsMixin:
    """For Oscar's BulkEditMixin: the selected rows among the view's own queryset."""

    def get_selected_ids(self, request):
        if request.POST.get(self.select_across_param, "").lower() == "1":
            return super().get_selected_ids(request)
        posted = request.POST.getlist(f"selected_{self.get_checkbox_object_name()}")
        return list(
            self.get_queryset().filter(pk__in=valid_ids(posted)).values_list("pk", flat=True)
        )
