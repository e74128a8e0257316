from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """Programme monitoring: the alliance's figures against its plans, and the open-data feed."""

    name = "programme"
    verbose_name = _("Programme monitoring")
