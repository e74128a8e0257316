"""News: an index with categories, tags, pagination and feeds; articles with related products."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import body_blocks
from cms.products import cards_for
from lib.i18n import TranslatedField, pick

from .base import BasePage, IndexPage


class NewsCategory(models.Model):
    """A news section, e.g. programme news, cooperatives, markets (a snippet editors manage)."""

    name = models.CharField(_("Name"), max_length=80, unique=True)
    name_en = models.CharField(_("Name (English)"), max_length=80, blank=True)
    slug = models.SlugField(_("Slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("News category")
        verbose_name_plural = _("News categories")

    def __str__(self) -> str:
        return str(pick(self, "name"))


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(RoutablePageMixin, IndexPage):
    """The list of news articles, newest first, filtered by category or tag, with RSS and Atom feeds."""

    subpage_types = ["cms.NewsArticlePage"]
    per_page = 10

    class Meta:
        verbose_name = _("News index")

    def articles(self):
        """Live articles with what a list item shows, in a fixed number of queries."""
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .prefetch_related("categories", Prefetch("image__renditions"))
            .order_by("-date", "-pk")
        )

    def filtered_articles(self, request):
        articles = self.articles()
        category = NewsCategory.objects.filter(slug=request.GET.get("category") or "").first()
        tag = Tag.objects.filter(slug=request.GET.get("tag") or "").first()
        if category:
            articles = articles.filter(categories=category)
        if tag:
            articles = articles.filter(tagged_items__tag=tag)
        return articles, category, tag

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss(self, request):
        return NewsFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return AtomNewsFeed(self)(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles, category, tag = self.filtered_articles(request)
        paginator = Paginator(articles, self.per_page)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            articles=page,
            page_obj=page,
            paginator=paginator,
            querystring=params.urlencode(),
            categories=NewsCategory.objects.all(),
            active_category=category,
            active_tag=tag,
            rss_url=self.url + self.reverse_subpage("rss"),
            atom_url=self.url + self.reverse_subpage("atom"),
        )
        return context


class NewsArticlePage(BasePage):
    """A news article about the OCOP programme or a cooperative."""

    date = models.DateField(_("Date"), default=datetime.date.today)
    author = models.CharField(_("Author"), max_length=120, blank=True)
    summary = models.TextField(_("Summary"), blank=True)
    summary_en = models.TextField(_("Summary (English)"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(body_blocks(), verbose_name=_("Body"), blank=True)
    body_en = StreamField(body_blocks(), verbose_name=_("Body (English)"), blank=True)
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("Categories"), blank=True)
    tags = ClusterTaggableManager(verbose_name=_("Tags"), through=NewsArticleTag, blank=True)

    tr_summary = TranslatedField("summary")
    tr_body = TranslatedField("body")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("author"),
                FieldPanel("categories"),
                FieldPanel("tags"),
            ],
            heading=_("About the article"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("related_products", label=_("Related products")),
    ]
    english_panels = BasePage.english_panels + [FieldPanel("summary_en"), FieldPanel("body_en")]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("title_en"),
        index.SearchField("summary"),
        index.SearchField("summary_en"),
        index.SearchField("body"),
        index.SearchField("body_en"),
    ]
    search_text_fields = BasePage.search_text_fields + (
        "author",
        "summary",
        "summary_en",
        "body",
        "body_en",
    )

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("News article")

    def get_related_products(self) -> list:
        return cards_for(item.product_id for item in self.related_products.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_products"] = self.get_related_products()
        context["index"] = self.get_parent().specific
        return context


class NewsRelatedProduct(Orderable):
    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("Related product")


class NewsFeed(Feed):
    """The newest 20 articles of a news index, as RSS 2.0."""

    def __init__(self, index_page: NewsIndexPage):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.tr_title

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.search_description or str(self.index_page.tr_title)

    def items(self):
        return self.index_page.articles()[:20]

    def item_title(self, item):
        return item.tr_title

    def item_description(self, item):
        return item.tr_summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_author_name(self, item):
        return item.author or None

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8)))

    def item_categories(self, item):
        return [str(c) for c in item.categories.all()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
