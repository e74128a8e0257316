from django.contrib import admin

from .models import AuditEntry, MeetingSlot, Organisation, Quote, SourcingRequest


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "tax_code", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "tax_code"]


@admin.register(SourcingRequest)
class SourcingRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "quote_count", "expires_at"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "category", "product", "producer", "created_by"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["request", "producer", "unit_price", "status"]
    raw_id_fields = ["request", "producer", "product", "created_by", "order"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "request", "quote"]
    list_filter = ["action"]


@admin.register(MeetingSlot)
class MeetingSlotAdmin(admin.ModelAdmin):
    list_display = ["event", "starts_at", "table", "producer", "organisation"]
    list_filter = ["event"]
    raw_id_fields = ["event", "producer", "organisation", "booked_by"]
