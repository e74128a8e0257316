"""Oscar's product and category list mixins, whose bulk actions ignore malformed ids."""

from __future__ import annotations

from oscar.apps.dashboard.catalogue import mixins
from oscar.apps.dashboard.catalogue.mixins import *  # noqa: F403

from ..bulk import SelectedIdsMixin


class ProductBulkActionMixin(SelectedIdsMixin, mixins.ProductBulkActionMixin):
    pass


class CategoryBulkActionMixin(SelectedIdsMixin, mixins.CategoryBulkActionMixin):
    pass
