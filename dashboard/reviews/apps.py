from oscar.apps.dashboard.reviews import apps
from oscar.core.loading import get_class


class ReviewsDashboardConfig(apps.ReviewsDashboardConfig):
    """Reviews for staff, and for each cooperative the reviews of its own products."""

    name = "dashboard.reviews"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map = {
            name: (permission, DashboardPermission.partner_dashboard_access)
            for name, permission in self.permissions_map.items()
        }
