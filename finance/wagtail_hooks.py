"""Editors keep funds and loan programmes current in the CMS admin, without a developer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from regions import units

from .models import DocumentKind, Fund, LoanProgramme


class FundForm(WagtailAdminModelForm):
    province_code = forms.ChoiceField(label=_("Province or city"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", _("Central fund (every province)"))] + [
            (p.code, p.name) for p in units.provinces()
        ]


class ProgrammeForm(WagtailAdminModelForm):
    required_documents = forms.MultipleChoiceField(
        label=_("Documents needed"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class FundViewSet(SnippetViewSet):
    model = Fund
    icon = "group"
    menu_label = _("Funds")
    list_display = ["name", "province_code", "email"]
    edit_handler_panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("province_code"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("reviewers"),
    ]
    edit_handler = ObjectList(edit_handler_panels, base_form_class=FundForm)


class ProgrammeViewSet(SnippetViewSet):
    model = LoanProgramme
    icon = "doc-full"
    menu_label = _("Loan programmes")
    list_display = ["name", "fund", "purpose", "max_amount", "interest_rate", "is_open"]
    list_filter = ["purpose", "fund", "is_open"]
    edit_handler_panels = [
        FieldPanel("fund"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("purpose"),
        FieldRowPanel([FieldPanel("min_amount"), FieldPanel("max_amount")]),
        FieldPanel("max_term_months"),
        FieldRowPanel([FieldPanel("interest_rate"), FieldPanel("rate_effective_from")]),
        FieldPanel("eligible_text"),
        FieldPanel("eligible_text_en"),
        FieldPanel("rules_code"),
        FieldPanel("collateral"),
        FieldPanel("collateral_en"),
        FieldPanel("required_documents"),
        FieldPanel("contact"),
        FieldPanel("is_open"),
    ]
    edit_handler = ObjectList(edit_handler_panels, base_form_class=ProgrammeForm)


class FinanceGroup(ViewSetGroup):
    menu_label = _("Loans")
    menu_icon = "doc-full"
    items = (ProgrammeViewSet, FundViewSet)


register_snippet(FinanceGroup)
