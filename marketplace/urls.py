"""The site map: admin, CMS admin, documents, shop, dashboard, and Wagtail's pages last."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import legal_pages
from marketplace import views

handler400 = "marketplace.views.bad_request"
handler404 = "marketplace.views.page_not_found"
handler500 = "marketplace.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's page that fails on purpose, to test error reports, is not served: a 404.
    path("cms/failwhale/", views.page_not_found),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Printed QR codes: /01/<GTIN-14>/10/<lot>[/21/<serial>] and /t/<code>, never prefixed.
    path("", include("traceability.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("dashboard/ocop/", include("catalogue.urls")),
    path("dashboard/search/", include("search.urls")),  # synonyms, the query report
    path("dashboard/programme/", include("programme.urls")),
    path("open-data/", include("programme.open_data_urls")),
    # OCOP evaluation: /ocop/certificates/<number>/ (public) and /dashboard/evaluation/.
    path("", include("evaluation.urls")),
    path("dashboard/shipments/", include("order.urls")),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("producers/", include("producers.urls")),
    path("regions/", include("regions.urls")),
    path("account/", include("compliance.urls")),  # consents, data requests, complaints
    path("legal/accept/", legal_pages.accept, name="legal_accept"),
    path("trade/", include("trade.urls")),
    # The open API (api/): /api/v1/…, its OpenAPI schema and docs, cooperatives' tokens.
    path("api/v1/", include("api.urls")),
    path("api/", include("api.docs")),
    path("dashboard/api-tokens/", apps.get_app_config("api_dashboard").urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", views.media),
    ]

urlpatterns += [
    # Wagtail's catch-all comes last: every other URL above wins.
    path("", include(wagtail_urls)),
]
