import oscar.apps.catalogue.apps as apps

BEAT = {
    "catalogue-rank-boosts": {"task": "catalogue.refresh_rank_boosts", "schedule": 24 * 60 * 60},
}


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalogue"

    def ready(self):
        super().ready()
        from . import signals, tree

        signals.connect()
        tree.connect()
        # The daily recount of search's boosts joins Celery beat beside the app that owns it.
        from django.conf import settings

        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            for name, entry in BEAT.items():
                schedule.setdefault(name, entry)
