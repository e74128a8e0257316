"""Trade connection (trade/, issue #15): its dashboard menu entry.

Imported by base.py. Settings import no app code: who sees each entry is written here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def trade_cooperative_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """A cooperative's users (Oscar's partner users), not staff: the page is a cooperative's own."""
    return not user.is_staff and user.has_perm("partner.dashboard_access")


def trade_staff_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff


TRADE_DASHBOARD_NAVIGATION = [
    {
        "label": _("Trade connection"),
        "icon": "fas fa-handshake",
        "children": [
            {
                "label": _("Our matches and quotes"),
                "url_name": "trade:cooperative",
                "access_fn": trade_cooperative_access,
            },
            {
                "label": _("Moderation queue"),
                "url_name": "trade:staff",
                "access_fn": trade_staff_access,
            },
            {
                "label": _("Buyers to verify"),
                "url_name": "trade:staff-organisations",
                "access_fn": trade_staff_access,
            },
        ],
    },
]
