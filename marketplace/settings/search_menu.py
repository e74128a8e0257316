"""Search's staff pages in the dashboard menu (search/urls.py): synonyms and the query report.

Imported by base.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def search_staff_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Written here, not imported: settings import no app code."""
    return user.is_staff


SEARCH_DASHBOARD_NAVIGATION = [
    {
        "label": _("Search"),
        "icon": "fas fa-search",
        "children": [
            {
                "label": _("Search synonyms"),
                "url_name": "search-dashboard:synonyms",
                "access_fn": search_staff_only,
            },
            {
                "label": _("Search queries"),
                "url_name": "search-dashboard:queries",
                "access_fn": search_staff_only,
            },
        ],
    },
]
