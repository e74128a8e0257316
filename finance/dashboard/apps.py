from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class FinanceDashboardConfig(OscarDashboardConfig):
    label = "finance_dashboard"
    name = "finance.dashboard"
    verbose_name = _("Finance dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        cooperative = DashboardPermission.partner_dashboard_access
        reviewer = ["finance.review_application"]
        self.permissions_map = {
            "finance-precheck": cooperative,
            "finance-apply": cooperative,
            "finance-applications": cooperative,
            "finance-application": cooperative,
            "finance-application-edit": cooperative,
            "finance-document": (cooperative, reviewer),
            "finance-review-list": reviewer,
            "finance-review": reviewer,
        }

    def ready(self):
        from . import cooperative, review

        self.cooperative = cooperative
        self.review = review
        self.configure_permissions()

    def get_urls(self):
        c, r = self.cooperative, self.review
        urls = [
            path("pre-check/", c.PreCheckView.as_view(), name="finance-precheck"),
            path("apply/<int:programme>/", c.ApplyView.as_view(), name="finance-apply"),
            path("applications/", c.ApplicationListView.as_view(), name="finance-applications"),
            path(
                "applications/<int:pk>/",
                c.ApplicationDetailView.as_view(),
                name="finance-application",
            ),
            path(
                "applications/<int:pk>/edit/", c.EditView.as_view(), name="finance-application-edit"
            ),
            path(
                "applications/<int:pk>/documents/<int:document_pk>/",
                c.document,
                name="finance-document",
            ),
            path("review/", r.ReviewListView.as_view(), name="finance-review-list"),
            path("review/<int:pk>/", r.ReviewView.as_view(), name="finance-review"),
        ]
        return self.post_process_urls(urls)
