"""Admin: product and cooperative choosers, news categories, and the registrations staff review."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lib.csvsafe import safe_cell

from .choosers import producer_chooser_viewset, product_chooser_viewset
from .models import BoothRegistration, NewsCategory, SessionRegistration


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser_viewset, producer_chooser_viewset]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = _("News categories")
    list_display = ["name", "name_en", "slug"]


register_snippet(NewsCategoryViewSet)


class SafeExportIndexView(IndexView):
    """The listing, whose CSV export cannot carry formulas typed by applicants (lib.csvsafe)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value


class DecisionEditView(EditView):
    """Records who accepted or declined an application, and when."""

    def save_instance(self):
        if "status" in self.form.changed_data:
            self.form.instance.decided_at = timezone.now()
            self.form.instance.decided_by = self.request.user
        return super().save_instance()


class BoothRegistrationViewSet(ModelViewSet):
    model = BoothRegistration
    icon = "clipboard-list"
    menu_label = _("Booth registrations")
    list_display = ["producer", "event", "status", "contact_name", "contact_phone", "created_at"]
    list_filter = ["status", "event"]
    list_export = [
        "event",
        "producer",
        "status",
        "contact_name",
        "contact_phone",
        "note",
        "created_at",
        "decided_at",
    ]
    export_filename = "booth-registrations"
    index_view_class = SafeExportIndexView
    form_fields = ["status", "contact_name", "contact_phone", "note"]
    edit_view_class = DecisionEditView
    inspect_view_enabled = True


class SessionRegistrationViewSet(ModelViewSet):
    model = SessionRegistration
    icon = "user"
    menu_label = _("Training registrations")
    list_display = ["participant_name", "producer", "session", "phone", "attended", "created_at"]
    list_filter = ["attended", "session"]
    list_export = [
        "session",
        "participant_name",
        "participant_role",
        "phone",
        "producer",
        "attended",
        "created_at",
    ]
    export_filename = "training-registrations"
    index_view_class = SafeExportIndexView
    form_fields = ["participant_name", "participant_role", "phone", "attended"]
    inspect_view_enabled = True


class RegistrationsGroup(ViewSetGroup):
    menu_label = _("Fairs and training")
    menu_icon = "date"
    items = (
        BoothRegistrationViewSet("booth_registrations"),
        SessionRegistrationViewSet("training_registrations"),
    )


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationsGroup()
