from django.contrib import admin

from .models import Certificate, Dossier, Event, OfficerRole, Seat, Session, SessionDossier


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    readonly_fields = ("from_state", "to_state", "actor", "note", "at")
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ("product_name", "producer", "province_code", "year", "state", "score")
    list_filter = ("state", "year", "province_code")
    search_fields = ("product_name", "producer__name")
    raw_id_fields = ("producer", "product", "renewal_of", "created_by")
    # States move only through evaluation.workflow, which logs and e-mails each move.
    readonly_fields = ("state", "rubric_version", "score", "submitted_at")
    inlines = [EventInline]


@admin.register(OfficerRole)
class OfficerRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "province_code", "commune_code")
    list_filter = ("role", "province_code")
    raw_id_fields = ("user",)


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 3
    raw_id_fields = ("user",)


class ItemInline(admin.TabularInline):
    model = SessionDossier
    extra = 0
    readonly_fields = ("dossier", "round", "score", "finalised_at")
    can_delete = False


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "province_code", "held_on", "decision_number")
    list_filter = ("level", "province_code")
    raw_id_fields = ("secretary",)
    readonly_fields = ("decision_number", "decision_date", "decided_at")
    inlines = [SeatInline, ItemInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "product_name", "stars", "issued_on", "expires_on", "revoked_on")
    search_fields = ("number", "product_name")
    # Revocation goes through its page (a decision, a reason, the rating updated at once).
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False  # issued by a council's decision only
