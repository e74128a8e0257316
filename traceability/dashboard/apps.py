from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class TraceabilityDashboardConfig(OscarDashboardConfig):
    """Batches, journeys, labels and scan figures for cooperatives; flags and reports for staff."""

    label = "traceability_dashboard"
    name = "traceability.dashboard"
    verbose_name = _("Traceability dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        cooperative = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        # Every view but the counterfeit reports is open to cooperatives; each one then
        # scopes its objects to the user's own partner, so another's batch is a 404.
        self.permissions_map = dict.fromkeys(self.cooperative_views, cooperative)

    cooperative_views = (
        "trace-batch-list",
        "trace-batch-create",
        "trace-batch-detail",
        "trace-batch-edit",
        "trace-batch-publish",
        "trace-batch-correct",
        "trace-event-create",
        "trace-event-edit",
        "trace-event-delete",
        "trace-attachment-create",
        "trace-label-create",
        "trace-label-layout-preview",
        "trace-label-run",
        "trace-label-run-status",
        "trace-label-run-download",
        "trace-label-run-serials",
        "trace-qr",
        "trace-flag-list",
        "trace-flag-review",
        "trace-gs1-list",
        "trace-gs1",
        "trace-place-create",
        "trace-place-edit",
        "trace-party-create",
    )

    def ready(self):
        from . import flags, places, views

        self.views, self.flags, self.places = views, flags, places
        self.configure_permissions()

    def get_urls(self):
        v = self.views
        urls = [
            path("", v.BatchListView.as_view(), name="trace-batch-list"),
            path("batches/new/", v.BatchCreateView.as_view(), name="trace-batch-create"),
            path("batches/<int:pk>/", v.BatchDetailView.as_view(), name="trace-batch-detail"),
            path("batches/<int:pk>/edit/", v.BatchUpdateView.as_view(), name="trace-batch-edit"),
            path(
                "batches/<int:pk>/publish/",
                v.BatchPublishView.as_view(),
                name="trace-batch-publish",
            ),
            path(
                "batches/<int:pk>/correct/",
                v.BatchCorrectView.as_view(),
                name="trace-batch-correct",
            ),
            path(
                "batches/<int:pk>/events/new/",
                v.EventCreateView.as_view(),
                name="trace-event-create",
            ),
            path(
                "batches/<int:pk>/events/<int:event_pk>/edit/",
                v.EventUpdateView.as_view(),
                name="trace-event-edit",
            ),
            path(
                "batches/<int:pk>/events/<int:event_pk>/delete/",
                v.EventDeleteView.as_view(),
                name="trace-event-delete",
            ),
            path(
                "batches/<int:pk>/files/new/",
                v.AttachmentCreateView.as_view(),
                name="trace-attachment-create",
            ),
            path(
                "batches/<int:pk>/labels/",
                v.LabelRunCreateView.as_view(),
                name="trace-label-create",
            ),
            path(
                "label-layouts/<slug:key>.svg",
                v.label_layout_preview,
                name="trace-label-layout-preview",
            ),
            path("batches/<int:pk>/qr.<str:fmt>", v.qr_code, name="trace-qr"),
            path("runs/<int:pk>/", v.LabelRunDetailView.as_view(), name="trace-label-run"),
            path("runs/<int:pk>/status.json", v.label_run_status, name="trace-label-run-status"),
            path("runs/<int:pk>/download/", v.label_run_download, name="trace-label-run-download"),
            path("runs/<int:pk>/serials.csv", v.label_run_serials, name="trace-label-run-serials"),
            path("flags/", self.flags.FlagListView.as_view(), name="trace-flag-list"),
            path("flags/<int:pk>/", self.flags.FlagReviewView.as_view(), name="trace-flag-review"),
            path("reports/", v.ReportListView.as_view(), name="trace-report-list"),
            *self.gs1_urls(),
        ]
        return self.post_process_urls(urls)

    def gs1_urls(self):
        p = self.places
        return [
            path("gs1/", p.IdentityListView.as_view(), name="trace-gs1-list"),
            path("gs1/<int:partner_pk>/", p.IdentityView.as_view(), name="trace-gs1"),
            path(
                "gs1/<int:partner_pk>/places/new/",
                p.PlaceCreateView.as_view(),
                name="trace-place-create",
            ),
            path("places/<int:pk>/edit/", p.PlaceUpdateView.as_view(), name="trace-place-edit"),
            path(
                "gs1/<int:partner_pk>/partners/new/",
                p.TradingPartnerCreateView.as_view(),
                name="trace-party-create",
            ),
        ]
