"""Admin: product and cooperative choosers, news categories, and the registrations staff review."""

from __future__ import annotations

import itertools
from collections import OrderedDict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lib import exports

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
    """The listing, whose CSV and XLSX exports are written by `lib.exports`: a byte-order mark,
    local times to the minute, labels instead of stored values ("Accepted", not "accepted"),
    "Có"/"Không", the chosen products listed, and no formula typed by an applicant."""

    def to_row_dict(self, item):
        return OrderedDict((field, exports.choice_label(item, field)) for field in self.list_export)

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            return exports.cell(value)
        return exports.xlsx_cell(value)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        bom = exports.BOM.encode("utf-8")
        response.streaming_content = itertools.chain([bom], response.streaming_content)
        return response


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
        "products",
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
