"""The home page: hero, featured products and cooperatives, news, fairs and headline figures."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.pagecache import SharedPageMixin
from cms.products import card_queryset, cards_for, newest_rated_first
from lib.i18n import TranslatedField

from .base import BasePage


class HomePage(SharedPageMixin, BasePage):
    """The marketplace's front page; featured items are chosen by editors or filled automatically."""

    hero_title = models.CharField(_("Hero title"), max_length=200, blank=True)
    hero_title_en = models.CharField(_("Hero title (English)"), max_length=200, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)
    hero_text_en = models.TextField(_("Hero text (English)"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_count = models.PositiveSmallIntegerField(
        _("Featured products shown"),
        default=8,
        help_text=_("Without chosen products, the best rated and newest fill the section."),
    )
    featured_producer_count = models.PositiveSmallIntegerField(
        _("Featured cooperatives shown"), default=4
    )

    tr_hero_title = TranslatedField("hero_title")
    tr_hero_text = TranslatedField("hero_text")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_count"),
                InlinePanel("featured_products", label=_("Featured products")),
            ],
            heading=_("Featured OCOP products"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_producer_count"),
                InlinePanel("featured_producers", label=_("Featured cooperatives")),
            ],
            heading=_("Featured cooperatives"),
        ),
    ]
    english_panels = BasePage.english_panels + [
        FieldPanel("hero_title_en"),
        FieldPanel("hero_text_en"),
    ]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_text_fields = BasePage.search_text_fields + (
        "hero_title",
        "hero_title_en",
        "hero_text",
        "hero_text_en",
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Home page")

    def chosen_product_ids(self) -> list[int]:
        return [item.product_id for item in self.featured_products.all()]

    def get_featured_products(self) -> list:
        chosen = self.chosen_product_ids()
        if chosen:
            return cards_for(chosen)[: self.featured_count]
        ids = list(
            newest_rated_first(card_queryset()).values_list("pk", flat=True)[: self.featured_count]
        )
        return cards_for(ids)

    def get_featured_producers(self) -> list:
        from producers.models import Producer

        chosen = [item.producer_id for item in self.featured_producers.all()]
        approved = Producer.objects.approved()
        if chosen:
            by_pk = approved.in_bulk(chosen)
            return [by_pk[pk] for pk in dict.fromkeys(chosen) if pk in by_pk][
                : self.featured_producer_count
            ]
        return list(approved.order_by("-approved_at", "name")[: self.featured_producer_count])

    @staticmethod
    def headline_figures() -> dict[str, int]:
        """The programme in three numbers: products on sale, cooperatives, provinces."""
        from producers.models import Producer

        approved = Producer.objects.approved()
        return {
            "products": card_queryset().count(),
            "cooperatives": approved.count(),
            "provinces": approved.values("province_code").distinct().count(),
        }

    def latest_news(self, count: int = 3):
        from .news import NewsArticlePage

        return NewsArticlePage.objects.live().public().order_by("-date", "-pk")[:count]

    def upcoming_events(self, count: int = 3):
        from .events import EventPage

        today = timezone.localdate()
        return (
            EventPage.objects.live()
            .public()
            .filter(end_date__gte=today)
            .order_by("start_date", "pk")[:count]
        )

    def sectors(self):
        from cms.products import category_model

        return category_model().get_root_nodes().filter(is_public=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            featured_products=self.get_featured_products(),
            featured_producers=self.get_featured_producers(),
            figures=self.headline_figures(),
            latest_news=self.latest_news(),
            upcoming_events=self.upcoming_events(),
            sectors=self.sectors(),
            sections=self.get_children().live().public().in_menu().specific(),
        )
        return context


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("Featured product")


class HomeFeaturedProducer(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_producers")
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("producer")]

    class Meta(Orderable.Meta):
        verbose_name = _("Featured cooperative")
