"""The honour roll: exemplary cooperatives and people of the OCOP programme."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from lib.i18n import TranslatedField

from .base import BasePage, IndexPage


class HonourRollPage(IndexPage):
    """Exemplary collectives and individuals, newest year first."""

    subpage_types = ["cms.HonourPage"]

    class Meta:
        verbose_name = _("Honour roll")

    def honours(self):
        return (
            HonourPage.objects.child_of(self)
            .live()
            .public()
            .select_related("photo", "producer")
            .order_by("-year", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        honours = self.honours()
        kind = request.GET.get("kind", "")
        if kind in HonourPage.Kind.values:
            honours = honours.filter(kind=kind)
        years: dict[int, list] = {}
        for honour in honours:
            years.setdefault(honour.year, []).append(honour)
        context.update(
            years=sorted(years.items(), reverse=True), kind=kind, kinds=HonourPage.Kind.choices
        )
        return context


class HonourPage(BasePage):
    """One honour: the cooperative or person, the year, the citation and a photo."""

    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Exemplary cooperative")
        INDIVIDUAL = "individual", _("Exemplary individual")

    kind = models.CharField(
        _("Honoured"), max_length=20, choices=Kind.choices, default=Kind.COOPERATIVE
    )
    year = models.PositiveSmallIntegerField(
        _("Year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    award = models.CharField(
        _("Award"), max_length=200, blank=True, help_text=_("e.g. Certificate of merit")
    )
    award_en = models.CharField(_("Award (English)"), max_length=200, blank=True)
    affiliation = models.CharField(
        _("Role or organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a person: role and cooperative."),
    )
    citation = RichTextField(_("Citation"))
    citation_en = RichTextField(_("Citation (English)"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The cooperative honoured, or the one the person works for."),
    )

    tr_award = TranslatedField("award")
    tr_citation = TranslatedField("citation")

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("year"),
        FieldPanel("award"),
        FieldPanel("affiliation"),
        FieldPanel("producer"),
        FieldPanel("citation"),
        FieldPanel("photo"),
    ]
    english_panels = BasePage.english_panels + [FieldPanel("award_en"), FieldPanel("citation_en")]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [index.SearchField("citation")]
    search_text_fields = BasePage.search_text_fields + (
        "award",
        "award_en",
        "affiliation",
        "citation",
        "citation_en",
    )

    parent_page_types = ["cms.HonourRollPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Honour")
