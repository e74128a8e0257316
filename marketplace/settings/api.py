"""The open REST API (api/, issue #17): Django REST framework, drf-spectacular, its throttles.

Imported by base.py. Settings import no app code: classes are named by dotted path.
"""

from __future__ import annotations

import environ
from django.utils.translation import gettext_lazy as _

env = environ.Env()

API_APPS = [
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc as static files: nothing from a CDN
    "api.apps.ApiConfig",
    "api.dashboard.apps.ApiDashboardConfig",
]

# Requests a minute: anonymous visitors by address, cooperatives' tokens by token.
API_ANON_PER_MINUTE = env.int("API_ANON_PER_MINUTE", default=120)
API_TOKEN_PER_MINUTE = env.int("API_TOKEN_PER_MINUTE", default=600)
# Bulk stock and price updates: items in one request.
API_MAX_BULK_ITEMS = env.int("API_MAX_BULK_ITEMS", default=500)
# A stored Idempotency-Key answer is kept this many hours.
API_IDEMPOTENCY_HOURS = env.int("API_IDEMPOTENCY_HOURS", default=24)

# Authentication, permissions, throttles, renderers and the problem+json handler are set on
# the API's own views (api/base.py), not here: Wagtail's admin API keeps DRF's defaults.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}

SPECTACULAR_SETTINGS = {
    "TITLE": "OCOP Marketplace API",
    "DESCRIPTION": _(
        "Products, producers, OCOP certificates and traceable batches to read; stock, prices, "
        "batches and journey events for cooperatives to write with their own tokens."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_api"],
}


def api_tokens_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """A cooperative's users (Oscar's partner users), not staff: tokens act for a cooperative."""
    return not user.is_staff and user.has_perm("partner.dashboard_access")


API_DASHBOARD_NAVIGATION = [
    {
        "label": _("API tokens"),
        "icon": "fas fa-key",
        "url_name": "api_dashboard:token-mine",
        "access_fn": api_tokens_access,
    },
]
