from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("OCOP Marketplace")

    def ready(self):
        from lib.ids import register_lookups
        from lib.images import configure_pillow

        from . import checks  # noqa: F401  (registers the deployment check)
        from .sites import sync_site

        configure_pillow()
        register_lookups()
        # After Django's own handler has created example.com: the Site follows SITE_BASE_URL.
        post_migrate.connect(sync_site, sender=apps.get_app_config("sites"))
