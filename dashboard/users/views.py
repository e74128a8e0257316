"""Oscar's customer list, whose bulk actions (make active/inactive) ignore malformed ids."""

from __future__ import annotations

from oscar.apps.dashboard.users import views
from oscar.apps.dashboard.users.views import *  # noqa: F403

from ..bulk import SelectedIdsMixin


class IndexView(SelectedIdsMixin, views.IndexView):
    pass
