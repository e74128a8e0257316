from django.apps import apps as django_apps
from django.urls import include, path
from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    name = "dashboard"

    def ready(self):
        super().ready()
        self.producers_app = django_apps.get_app_config("producers_dashboard")
        self.traceability_app = django_apps.get_app_config("traceability_dashboard")
        self.finance_app = django_apps.get_app_config("finance_dashboard")

    def get_urls(self):
        return super().get_urls() + [
            path("producers/", include(self.producers_app.urls[0])),
            path("traceability/", include(self.traceability_app.urls[0])),
            path("finance/", include(self.finance_app.urls[0])),
        ]

    def get_url_decorator(self, pattern):
        decorator = super().get_url_decorator(pattern)
        if pattern.name != "index":
            return decorator
        from .workspaces import send_to_workspace  # imports models: not before apps are ready

        permissions = self.get_permissions("index")
        return lambda view: send_to_workspace(decorator(view), permissions)
