from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Legal compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Receivers: listings in review, scans made while signed in, the consent gate.
        from . import consent, listings, providers, receivers  # noqa: F401

        consent.install()
        providers.register_core()
