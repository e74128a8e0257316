from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

BEAT = {
    "programme-rebuild-sales-summary": {
        "task": "programme.rebuild_sales_summary",
        "schedule": 24 * 60 * 60,
    }
}


class ProgrammeConfig(AppConfig):
    """Programme monitoring: the alliance's figures against its plans, and the open-data feed."""

    name = "programme"
    verbose_name = _("Programme monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete
        from oscar.apps.order.signals import order_placed
        from oscar.core.loading import get_model

        from order.transitions import order_transitioned

        from . import sales_summary

        # The monthly sales summary follows every placement and status change.
        order_placed.connect(sales_summary.on_order_placed, dispatch_uid="programme-sales-placed")
        order_transitioned.connect(
            sales_summary.on_order_transitioned, dispatch_uid="programme-sales-transitioned"
        )
        pre_delete.connect(
            sales_summary.on_order_deleted,
            sender=get_model("order", "Order"),
            dispatch_uid="programme-sales-deleted",
        )
        # The nightly recount joins Celery beat's schedule beside the app that owns it.
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            for name, entry in BEAT.items():
                schedule.setdefault(name, entry)
