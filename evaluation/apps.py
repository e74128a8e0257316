from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

BEAT = {
    "ocop-renewal-invitations": {
        "task": "evaluation.send_renewal_reminders",
        "schedule": 24 * 60 * 60,
    }
}


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("OCOP evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        # Celery beat reads the schedule after Django is set up: the daily renewal
        # invitations join it here, beside the app that owns them.
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            for name, entry in BEAT.items():
                schedule.setdefault(name, entry)
