"""Loans (finance/, issue #20): where the programmes' eligibility rules are, and the dashboard menu.

Imported by base.py; it reads the same environment, which base.py has already filled from .env.
"""

from __future__ import annotations

import environ
from django.utils.translation import gettext_lazy as _

env = environ.Env()

# Where each programme's eligibility rules are, one JSON file per programme;
# empty: the bundled finance/data/eligibility/.
FINANCE_ELIGIBILITY_DIR = env("FINANCE_ELIGIBILITY_DIR", default="")
FINANCE_APPS = ["finance", "finance.dashboard.apps.FinanceDashboardConfig"]
FINANCE_DASHBOARD_NAVIGATION = [
    {
        "label": _("Loans"),
        "icon": "fas fa-hand-holding-usd",
        "children": [
            {"label": _("Eligibility pre-check"), "url_name": "dashboard:finance-precheck"},
            {"label": _("Our loan applications"), "url_name": "dashboard:finance-applications"},
            {"label": _("Applications to review"), "url_name": "dashboard:finance-review-list"},
        ],
    },
]
