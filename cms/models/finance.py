"""Loan programmes on the public site: one page per programme and a listing to filter them.

The programme's terms live in `finance.LoanProgramme` (edited as a snippet); the page
presents them with the fund's own words. Imports go down: cms → finance.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from finance.models import LoanProgramme, Purpose
from lib.i18n import TranslatedField
from regions import units

from .base import BasePage, IndexPage


class LoanProgrammeIndexPage(IndexPage):
    """Every loan programme, filtered by the visitor's province and the purpose of the loan."""

    subpage_types = ["cms.LoanProgrammePage"]

    class Meta:
        verbose_name = _("Loan programmes")

    def programme_pages(self, province_code: str = "", purpose: str = ""):
        pages = (
            LoanProgrammePage.objects.child_of(self)
            .live()
            .public()
            .filter(programme__isnull=False)
            .select_related("programme__fund")
            .order_by("programme__fund__province_code", "title")
        )
        if province_code:
            pages = pages.filter(programme__fund__province_code__in=["", province_code])
        if purpose:
            pages = pages.filter(programme__purpose=purpose)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = request.GET.get("province", "")
        purpose = request.GET.get("purpose", "")
        province = province if units.province(province) else ""
        purpose = purpose if purpose in Purpose.values else ""
        context.update(
            {
                "programme_pages": self.programme_pages(province, purpose),
                "provinces": units.provinces(),
                "purposes": Purpose.choices,
                "province": province,
                "purpose": purpose,
            }
        )
        return context


class LoanProgrammePage(BasePage):
    """A loan programme as its fund publishes it: terms, rate and its date, documents, contact."""

    programme = models.ForeignKey(
        LoanProgramme,
        verbose_name=_("Loan programme"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="pages",
        help_text=_("The terms come from the programme; edit them under Loans → Loan programmes."),
    )
    body = RichTextField(_("Description"), blank=True)
    body_en = RichTextField(_("Description (English)"), blank=True)

    tr_body = TranslatedField("body")

    content_panels = BasePage.content_panels + [FieldPanel("programme"), FieldPanel("body")]
    english_panels = BasePage.english_panels + [FieldPanel("body_en")]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    search_text_fields = BasePage.search_text_fields + ("body", "body_en")

    parent_page_types = ["cms.LoanProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Loan programme page")
