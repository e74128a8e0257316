from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    verbose_name = _("Traceability")

    def ready(self):
        # The deployment check, and the receiver that forgets a batch's cache when it changes.
        from . import checks, lookup  # noqa: F401
