"""Wagtail pages: the home page and the news."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The marketplace's front page: hero, featured OCOP products, latest news."""

    hero_title = models.CharField(_("Hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_count = models.PositiveSmallIntegerField(_("Featured products shown"), default=8)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("featured_count"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Home page")

    def featured_products(self):
        Product = get_model("catalogue", "Product")
        return (
            Product.objects.browsable()
            .base_queryset()
            .prefetch_related("images")
            .order_by("-priority", "-date_created")[: self.featured_count]
        )

    def latest_news(self):
        return NewsArticlePage.objects.live().public().order_by("-date", "-pk")[:3]

    def sectors(self):
        Category = get_model("catalogue", "Category")
        return Category.get_root_nodes().filter(is_public=True)

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["featured_products"] = self.featured_products()
        ctx["latest_news"] = self.latest_news()
        ctx["sectors"] = self.sectors()
        return ctx


class NewsIndexPage(Page):
    """The list of news articles, newest first."""

    intro = RichTextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.NewsArticlePage"]
    per_page = 10

    class Meta:
        verbose_name = _("News index")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.articles(), self.per_page)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        ctx["articles"] = page
        ctx["paginator"] = paginator
        return ctx


class NewsArticlePage(Page):
    """A news article about the OCOP programme or a cooperative."""

    date = models.DateField(_("Date"))
    author = models.CharField(_("Author"), max_length=120, blank=True)
    summary = models.TextField(_("Summary"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
            ("image", ImageChooserBlock(label=_("Image"))),
            ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
        ],
        verbose_name=_("Body"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("News article")
