from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import listings
from .models import (
    Breach,
    Complaint,
    ComplaintEvent,
    ConsentRecord,
    DataRequest,
    ListingRecord,
    ListingReview,
    TrustedSeller,
)


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    list_display = [
        "discovered_at",
        "description",
        "subject_count",
        "notify_by",
        "notified_authority_at",
        "notification_overdue",
    ]
    readonly_fields = ["notify_by"]

    @admin.display(boolean=True, description=_("Notification overdue"))
    def notification_overdue(self, obj):
        return obj.notification_overdue

    def save_model(self, request, obj, form, change):
        if not obj.recorded_by_id:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class ComplaintEventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    readonly_fields = ["at", "actor", "kind", "note"]
    can_delete = False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["pk", "order", "partner", "status", "respond_by", "outcome", "created_at"]
    list_filter = ["status", "outcome", "reason"]
    readonly_fields = ["order", "line", "partner", "buyer", "created_at", "refund_amount"]
    inlines = [ComplaintEventInline]


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "kind", "status", "received_at", "acknowledge_by", "due_at"]
    list_filter = ["kind", "status"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "purpose", "granted", "text_version", "method", "at"]
    list_filter = ["purpose", "granted"]

    def has_change_permission(self, request, obj=None):
        return False  # evidence: never edited


@admin.action(description=_("Approve the selected listings"))
def approve(modeladmin, request, queryset):
    for review in queryset.select_related("product"):
        listings.approve(review.product, by=request.user)


@admin.register(ListingReview)
class ListingReviewAdmin(admin.ModelAdmin):
    list_display = ["product", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    actions = [approve]


admin.site.register(ListingRecord)
admin.site.register(TrustedSeller)
