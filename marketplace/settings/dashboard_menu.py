"""The dashboard menu's entries for cooperatives, OCOP ratings, traceability and shipments.

Imported by base.py, which adds each where it belongs in the menu.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COOPERATIVES_NAVIGATION = [
    {
        "label": _("Cooperatives"),
        "icon": "fas fa-people-carry",
        "children": [
            {"label": _("Applications and cooperatives"), "url_name": "dashboard:producer-list"},
            {"label": _("Our cooperative"), "url_name": "dashboard:producer-mine"},
        ],
    },
    {
        "label": _("OCOP ratings"),
        "icon": "fas fa-star",
        "children": [
            {
                "label": _("Record a rating"),
                "url_name": "ocop:ratings",
                "access_fn": lambda user, *args, **kwargs: user.is_staff,
            },
            {
                "label": _("Expiring certificates"),
                "url_name": "ocop:expiring",
                "access_fn": lambda user, *args, **kwargs: (
                    user.is_staff or user.has_perm("partner.dashboard_access")
                ),
            },
        ],
    },
]

TRACEABILITY_NAVIGATION = [
    {
        "label": _("Traceability"),
        "icon": "fas fa-qrcode",
        "children": [
            {"label": _("Batches"), "url_name": "dashboard:trace-batch-list"},
            {"label": _("Places and GS1 numbers"), "url_name": "dashboard:trace-gs1-list"},
            {"label": _("Flagged codes"), "url_name": "dashboard:trace-flag-list"},
            {"label": _("Counterfeit reports"), "url_name": "dashboard:trace-report-list"},
        ],
    },
]


def shipments_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Who sees the dashboard's Shipments entry: staff and cooperatives (Oscar's partner users).

    Written here, not imported: settings import no app code.
    """
    return user.is_staff or user.has_perm("partner.dashboard_access")


SHIPMENTS_NAVIGATION = [
    {
        "label": _("Shipments"),
        "icon": "fas fa-truck",
        "url_name": "order-fulfilment:list",
        "access_fn": shipments_access,
    },
]
