from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

BEAT = {
    "programme-rebuild-summaries": {
        "task": "programme.rebuild_summaries",
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
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
        from oscar.apps.order.signals import order_placed
        from oscar.core.loading import get_model

        from order.transitions import order_transitioned

        from . import certification_summary, sales_summary

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
        # The certified-products summary follows ratings, certificates, products (their
        # categories give the sector) and producers (province, legal form).
        summary = certification_summary
        for model, saved, deleted in (
            (("catalogue", "OcopRating"), summary.on_rating_saved, summary.on_rating_deleted),
            (("evaluation", "Certificate"), summary.on_certificate_changed, None),
            (("catalogue", "Product"), summary.on_product_saved, summary.on_product_deleted),
            (("catalogue", "ProductCategory"), summary.on_category_link_changed, None),
            (("producers", "Producer"), summary.on_producer_saved, summary.on_producer_deleted),
        ):
            sender = get_model(*model)
            uid = f"programme-certifications-{model[1]}"
            post_save.connect(saved, sender=sender, dispatch_uid=f"{uid}-saved")
            post_delete.connect(deleted or saved, sender=sender, dispatch_uid=f"{uid}-deleted")
        m2m_changed.connect(
            summary.on_categories_changed,
            sender=get_model("catalogue", "ProductCategory"),
            dispatch_uid="programme-certifications-categories",
        )
        # The nightly recount joins Celery beat's schedule beside the app that owns it.
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            for name, entry in BEAT.items():
                schedule.setdefault(name, entry)
