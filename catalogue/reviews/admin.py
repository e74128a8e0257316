from django.contrib import admin
from oscar.apps.catalogue.reviews.admin import *  # noqa: F403

from .models import ReviewReport


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    list_display = ("review", "partner", "reported_by", "created_at", "resolved_at")
    list_filter = ("resolved_at",)
    raw_id_fields = ("review", "partner", "reported_by", "resolved_by")
