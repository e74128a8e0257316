from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

BEAT = {
    "trade-overdue-payments": {
        "task": "trade.remind_overdue_payments",
        "schedule": 24 * 60 * 60,
    }
}


class TradeConfig(AppConfig):
    name = "trade"
    verbose_name = _("Trade connection")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        # The daily reminders of orders on terms join Celery beat beside the app that sends them.
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            for name, entry in BEAT.items():
                schedule.setdefault(name, entry)
