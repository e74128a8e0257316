from django.urls import path
from oscar.apps.dashboard.reviews import apps
from oscar.core.loading import get_class


class ReviewsDashboardConfig(apps.ReviewsDashboardConfig):
    """Staff moderate reviews; each cooperative lists its own products' reviews, replies to
    them and reports them to staff."""

    name = "dashboard.reviews"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        cooperative = DashboardPermission.partner_dashboard_access
        moderation = DashboardPermission.get(
            "reviews", "view_productreview", "change_productreview"
        )
        self.permissions_map.update(
            {
                "reviews-list": (self.permissions_map["reviews-list"], cooperative),
                "reviews-reply": cooperative,
                "reviews-report": cooperative,
                "reviews-report-list": moderation,
                "reviews-report-resolve": moderation,
            }
        )

    def ready(self):
        super().ready()
        self.reply_view = get_class("dashboard.reviews.views", "ReviewReplyView")
        self.report_view = get_class("dashboard.reviews.views", "ReviewReportView")
        self.report_list_view = get_class("dashboard.reviews.views", "ReviewReportListView")
        self.report_resolve_view = get_class("dashboard.reviews.views", "ReviewReportResolveView")

    def get_urls(self):
        urls = [
            path("<int:pk>/reply/", self.reply_view.as_view(), name="reviews-reply"),
            path("<int:pk>/report/", self.report_view.as_view(), name="reviews-report"),
            path("reports/", self.report_list_view.as_view(), name="reviews-report-list"),
            path(
                "reports/<int:pk>/resolve/",
                self.report_resolve_view.as_view(),
                name="reviews-report-resolve",
            ),
        ]
        return super().get_urls() + self.post_process_urls(urls)
