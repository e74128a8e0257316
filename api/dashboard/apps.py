from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class ApiDashboardConfig(OscarDashboardConfig):
    """A cooperative's API tokens: made, named, scoped, listed and revoked by its own users."""

    label = "api_dashboard"
    name = "api.dashboard"
    verbose_name = _("API tokens dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        cooperative = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        # Each view then scopes the producer to the user's own (CooperativeObjectMixin): 404.
        self.permissions_map = dict.fromkeys(
            ("token-mine", "token-list", "token-revoke"), cooperative
        )

    def ready(self):
        from . import views

        self.views = views
        self.configure_permissions()

    def get_urls(self):
        v = self.views
        urls = [
            path("", v.my_tokens, name="token-mine"),
            path("<int:pk>/", v.TokenListView.as_view(), name="token-list"),
            path(
                "<int:pk>/<int:token_pk>/revoke/", v.TokenRevokeView.as_view(), name="token-revoke"
            ),
        ]
        return self.post_process_urls(urls)
