"""The OCOP display centre: showcase pages that curate products, and the physical sales points."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import showcase_blocks
from cms.products import cards_for, province_choices, province_name
from lib.i18n import TranslatedField

from .base import BasePage, IndexPage


class DisplayCentrePage(IndexPage):
    """The centre that introduces and sells OCOP products: its showcases and its sales points."""

    subpage_types = ["cms.ShowcasePage", "cms.SalesPointPage"]

    class Meta:
        verbose_name = _("Display centre")

    def showcases(self):
        return ShowcasePage.objects.child_of(self).live().public().select_related("image")

    def sales_points(self, province_code: str = ""):
        points = SalesPointPage.objects.child_of(self).live().public()
        if province_code:
            points = points.filter(province_code=province_code)
        return points.order_by("province_code", "title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = request.GET.get("province", "")
        if not province_name(province):
            province = ""
        used = set(self.sales_points().values_list("province_code", flat=True))
        context.update(
            showcases=self.showcases(),
            sales_points=self.sales_points(province),
            province=province,
            provinces=[(code, province_name(code)) for code in sorted(used)],
        )
        return context


class ShowcasePage(BasePage):
    """A curated shelf of OCOP products: a sector, a province or a theme, picked or by saved filter."""

    intro = models.TextField(_("Introduction"), blank=True)
    intro_en = models.TextField(_("Introduction (English)"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(showcase_blocks(), verbose_name=_("Body"), blank=True)
    tr_intro = TranslatedField("intro")

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    english_panels = BasePage.english_panels + [FieldPanel("intro_en")]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    search_text_fields = BasePage.search_text_fields + ("intro", "intro_en", "body")

    parent_page_types = ["cms.DisplayCentrePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Showcase")


class SalesPointPage(BasePage):
    """A physical point that displays and sells OCOP products."""

    address = models.CharField(_("Address"), max_length=255)
    province_code = models.CharField(
        _("Province or city"), max_length=2, choices=province_choices, db_index=True
    )
    opening_hours = models.CharField(_("Opening hours"), max_length=200, blank=True)
    opening_hours_en = models.CharField(_("Opening hours (English)"), max_length=200, blank=True)
    phone = models.CharField(_("Phone number"), max_length=40, blank=True)
    email = models.EmailField(_("Email address"), blank=True)
    map_url = models.URLField(_("Map link"), blank=True)
    description = RichTextField(_("Description"), blank=True)
    description_en = RichTextField(_("Description (English)"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    tr_opening_hours = TranslatedField("opening_hours")
    tr_description = TranslatedField("description")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("province_code"),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("map_url"),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("description"),
        FieldPanel("photo"),
        InlinePanel("products", label=_("Products sold here")),
    ]
    english_panels = BasePage.english_panels + [
        FieldPanel("opening_hours_en"),
        FieldPanel("description_en"),
    ]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("address"),
        index.SearchField("description"),
    ]
    search_text_fields = BasePage.search_text_fields + ("address", "description", "description_en")

    parent_page_types = ["cms.DisplayCentrePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Sales point")

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)

    def search_text(self) -> str:
        return f"{super().search_text()} {self.province_name}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = cards_for(item.product_id for item in self.products.all())
        return context


class SalesPointProduct(Orderable):
    page = ParentalKey(SalesPointPage, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("Product sold here")
