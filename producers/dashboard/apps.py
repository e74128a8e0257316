from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class ProducersDashboardConfig(OscarDashboardConfig):
    label = "producers_dashboard"
    name = "producers.dashboard"
    verbose_name = _("Producers dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        cooperative = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        self.permissions_map = {
            "producer-mine": cooperative,
            "producer-profile": cooperative,
            "producer-users": cooperative,
            "producer-registration-certificate": cooperative,
        }

    def ready(self):
        from . import views

        self.views = views
        self.configure_permissions()

    def get_urls(self):
        v = self.views
        urls = [
            path("", v.ProducerListView.as_view(), name="producer-list"),
            path("<int:pk>/", v.ProducerReviewView.as_view(), name="producer-review"),
            path("<int:pk>/decide/", v.ProducerDecisionView.as_view(), name="producer-decide"),
            path("mine/", v.my_producer, name="producer-mine"),
            path("<int:pk>/profile/", v.ProducerProfileView.as_view(), name="producer-profile"),
            path("<int:pk>/users/", v.ProducerUsersView.as_view(), name="producer-users"),
            path(
                "<int:pk>/registration-certificate/",
                v.registration_certificate,
                name="producer-registration-certificate",
            ),
        ]
        return self.post_process_urls(urls)
