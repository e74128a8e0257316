from oscar.apps.dashboard.orders import apps
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # An order's delivery address is shared by every cooperative in it: staff change it.
        self.permissions_map["order-shipping-address"] = DashboardPermission.get(
            "order", "view_order", "change_order"
        )
