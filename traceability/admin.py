from django.contrib import admin

from .models import (
    Attachment,
    Batch,
    CounterfeitReport,
    JourneyEvent,
    LabelRun,
    Party,
    Place,
    Scan,
    Serial,
)
from .serials import FlagReview


class EventInline(admin.TabularInline):
    model = JourneyEvent
    extra = 0
    fields = ["kind", "occurred_at", "location", "place", "actor", "counterparty", "corrects"]
    raw_id_fields = ["location", "counterparty"]

    # A published journey is append-only: corrections are new events, here as anywhere.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["lot", "product", "partner", "produced_on", "status"]
    list_filter = ["status"]
    search_fields = ["lot", "product__title", "gtin", "short_code"]
    raw_id_fields = ["product", "partner"]
    readonly_fields = ["gtin", "short_code", "uri", "published_at"]
    inlines = [EventInline]


@admin.register(Serial)
class SerialAdmin(admin.ModelAdmin):
    list_display = ["code", "batch", "flag", "flagged_at", "cleared_at"]
    list_filter = ["flag"]
    search_fields = ["code"]
    raw_id_fields = ["batch", "run"]
    # Flags change through the dashboard's review, which keeps who, when and why.
    readonly_fields = ["flag", "flagged_at", "cleared_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # an issued serial is never freed for reuse


@admin.register(FlagReview)
class FlagReviewAdmin(admin.ModelAdmin):
    """The audit trail of flags: read only."""

    list_display = ["at", "serial", "action", "flag", "user", "by_staff"]
    list_filter = ["action"]
    raw_id_fields = ["serial", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["batch", "serial", "scanned_at", "device", "latitude", "longitude"]
    raw_id_fields = ["batch", "serial"]
    date_hierarchy = "scanned_at"


@admin.register(LabelRun)
class LabelRunAdmin(admin.ModelAdmin):
    list_display = [
        "batch",
        "quantity",
        "serialised",
        "layout",
        "plain_paper",
        "status",
        "created_at",
    ]
    list_filter = ["status", "layout", "plain_paper"]
    raw_id_fields = ["batch"]


@admin.register(CounterfeitReport)
class CounterfeitReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "code", "place", "handled"]
    list_filter = ["handled"]


admin.site.register(Attachment)


class PlaceInline(admin.TabularInline):
    model = Place
    extra = 0
    fields = ["kind", "name", "extension", "gln"]
    readonly_fields = ["gln"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    """Staff correct a cooperative's prefix here (set_prefix numbers its places anew)."""

    list_display = ["__str__", "company_prefix", "gln", "owner"]
    search_fields = ["partner__name", "name", "gln", "company_prefix"]
    raw_id_fields = ["partner", "owner"]
    inlines = [PlaceInline]

    def save_model(self, request, obj, form, change):
        prefix = obj.company_prefix
        if change and "company_prefix" in form.changed_data:
            obj.company_prefix = form.initial.get("company_prefix", "")  # set_prefix changes it
        super().save_model(request, obj, form, change)
        if prefix and "company_prefix" in form.changed_data:
            obj.set_prefix(prefix)
