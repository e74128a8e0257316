from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403
from oscar.core.loading import get_model

from catalogue.forms import OcopRatingForm

OcopRating = get_model("catalogue", "OcopRating")


@admin.register(OcopRating)
class OcopRatingAdmin(admin.ModelAdmin):
    form = OcopRatingForm
    list_display = (
        "product",
        "stars",
        "score",
        "certificate_number",
        "issued_on",
        "expires_on",
        "revoked",
    )
    list_filter = ("stars", "authority", "revoked")
    search_fields = ("product__title", "certificate_number", "decision_number")
    raw_id_fields = ("product",)
    readonly_fields = ("stars", "reminded_for_expiry", "reminded_at")
    date_hierarchy = "expires_on"
