"""Browse, category and search pages served from the database instead of Haystack."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from catalogue import tree
from catalogue.models import today
from catalogue.versions import CATALOGUE_VERSION
from catalogue.views import CataloguePageCacheMixin
from lib import fragments
from lib.cache import hashed_key

from . import querylog
from .assist import zero_result_help
from .facets import cached_facets
from .filters import (
    FACET_PARAMS,
    SORT_CHOICES,
    SORT_KEYS,
    apply_filters,
    in_category,
    parse_filters,
    sort_products,
)
from .providers import get_providers
from .query import TextQuery, match_text
from .ranking import order_by_relevance, rank_text, weights
from .text import MAX_QUERY_LENGTH, terms

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

# The name of the listing pages' content fragment; templates cache it as
# {% fragment "listing" content_fragment %}.
CONTENT_FRAGMENT = "listing"
SUGGEST_LIMIT = 8
SUGGEST_CACHE_SECONDS = 300


class ProductListView(CataloguePageCacheMixin, TemplateView):
    """A paginated, sortable, searchable list of products with facets that combine."""

    page_cache_params = frozenset({"q", "sort_by", "page", *FACET_PARAMS})
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    summary = _("All products")
    search_other_content = False

    def get_query(self) -> str:
        return (self.request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]

    def get_sort(self) -> str:
        sort = self.request.GET.get("sort_by", "")
        return sort if sort in SORT_KEYS else "relevance"

    def get_queryset(self):
        """The products this page lists before any facet or search: public, top-level products."""
        return Product.objects.browsable()

    def get_scope(self) -> str:
        """What the facet cache keys this listing by."""
        return type(self).__name__

    def get_category_choices(self) -> list:
        """Categories offered as a facet: the sectors."""
        return tree.children_of(None, 1)

    def paginate(self, queryset, count: int | None = None):
        """Page through `queryset` by primary key, then fetch only that page's products for the cards.

        Sorting narrow rows (ids and sort keys) and joining what a card needs for 24 products
        only keeps the page fast on a catalogue of 100,000 products.
        """
        paginator = Paginator(queryset.values_list("pk", flat=True), self.paginate_by)
        if count is not None:
            paginator.count = count  # already counted by the facets: no second COUNT query
        try:
            page_number = int(self.request.GET.get("page", 1))
        except (TypeError, ValueError):
            raise Http404(_("Invalid page number.")) from None
        try:
            page = paginator.page(page_number)
        except InvalidPage:
            raise Http404(_("Invalid page number.")) from None
        ids = list(page.object_list)
        by_pk = {p.pk: p for p in Product.objects.filter(pk__in=ids).for_cards()} if ids else {}
        page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
        return paginator, page

    def content_fragment(self) -> tuple | None:
        """What the page's content (facets, cards, pages, other results) is cached under for
        every visitor (`lib.fragments`): the address with its query, the catalogue version and
        the date; None (not cached) when the address has a parameter the page does not read."""
        if any(key not in self.page_cache_params for key in self.request.GET):
            return None
        return (
            self.get_scope(),
            self.request.path,
            self.request.GET.urlencode(),
            CATALOGUE_VERSION.current(),
            today(),
        )

    def content_served_from_cache(self) -> None:
        """Per-request work the cached content skipped; nothing by default."""

    def get_context_data(self, **kwargs):
        parts = self.content_fragment()
        key = fragments.fragment_key(CONTENT_FRAGMENT, parts) if parts else None
        html = fragments.get(key) if key else None
        if html is not None:
            # The facets, counts and cards are in the fragment: no query behind them runs.
            self.content_served_from_cache()
            return {
                **TemplateView.get_context_data(self, **kwargs),
                "summary": self.summary,
                "query": self.get_query(),
                "content_fragment": parts,
                "fragment_hits": {key: html},
            }
        ctx = self.get_full_context_data(**kwargs)
        ctx["content_fragment"] = parts
        return ctx

    def get_full_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.get_query()
        sort = self.get_sort()
        text = TextQuery.parse(query)
        choices = self.get_category_choices()
        filters = parse_filters(self.request.GET, choices)
        base = base_without_text = self.get_queryset()
        if text:
            base = match_text(base, text)
        facets, total = cached_facets(self.get_scope(), base, filters, text, choices)
        results = apply_filters(base, filters)
        if text:
            results = rank_text(results, text)
        results = sort_products(results, sort, searching=bool(text))
        paginator, page = self.paginate(results, total)
        if text and self.search_other_content:
            if page.number == 1 and not filters.active:
                querylog.record(text.words, paginator.count)
            if not paginator.count:
                ctx["zero_help"] = zero_result_help(base_without_text, text)
        params = self.request.GET.copy()
        params.pop("page", None)
        facet_params = self.request.GET.copy()
        for key in ("page", *FACET_PARAMS):
            facet_params.pop(key, None)
        ctx.update(
            {
                "summary": self.summary,
                "query": query,
                "search_words": text.words,
                "corrections": text.fuzzy,
                "sort_by": sort,
                "sort_choices": SORT_CHOICES,
                "paginator": paginator,
                "page_obj": page,
                "products": page.object_list,
                "querystring": params.urlencode(),
                "facets": [f for f in facets if f.values],
                "filters": filters,
                "clear_filters_querystring": facet_params.urlencode(),
                "other_results": (
                    get_providers().search(text.words, request=self.request)
                    if self.search_other_content and text and page.number == 1
                    else []
                ),
            }
        )
        return ctx


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if expected != request.path:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{expected}?{query}" if query else expected)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().filter(in_category(self.category))

    def get_scope(self) -> str:
        return f"category-{self.category.pk}"

    def get_category_choices(self) -> list:
        return tree.children_of(self.category.path, self.category.depth + 1)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.get_name()
        return ctx


class FacetedSearchView(ProductListView):
    template_name = "oscar/search/results.html"
    summary = _("Search")
    search_other_content = True

    def page_served(self, request, response, view_kwargs) -> None:
        """A search served from the page cache still counts in the query log."""
        if response.get("X-Page-Cache") == "hit":
            self.log_repeat()

    def content_served_from_cache(self) -> None:
        """A search whose results came from the fragment cache still counts in the query log."""
        self.log_repeat()

    def log_repeat(self) -> None:
        if set(self.request.GET) <= {"q", "sort_by"}:
            querylog.record_repeat(terms(self.get_query()))


class RankingView(TemplateView):
    """How search orders its results, for shoppers (the E-commerce Law asks for it)."""

    template_name = "search/ranking.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "weights": weights()}


@require_GET
def suggest(request):
    """Autocomplete for the header's search box: a few products and cooperatives as JSON.

    Visitors type the same prefixes ("ca p", "nuoc m"), so answers are cached per folded
    query and language until the catalogue changes.
    """
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    text = TextQuery.parse(query, typing=True)
    if not text:
        return JsonResponse({"query": query, "products": [], "others": []})
    key = hashed_key(
        "ocop:suggest", get_language(), " ".join(text.words), CATALOGUE_VERSION.current()
    )
    data = cache.get(key)
    if data is None:
        data = {"products": _suggest_products(text), "others": _suggest_others(text, request)}
        cache.set(key, data, SUGGEST_CACHE_SECONDS)
    response = JsonResponse({"query": query, **data})
    response["Cache-Control"] = "public, max-age=60"
    return response


def _suggest_products(text: TextQuery) -> list[dict]:
    ids = list(
        order_by_relevance(
            rank_text(match_text(Product.objects.browsable(), text), text)
        ).values_list("pk", flat=True)[:SUGGEST_LIMIT]
    )
    products = {p.pk: p for p in Product.objects.filter(pk__in=ids).select_related("ocop_rating")}
    items = []
    for pk in ids:
        product = products[pk]
        rating = product.current_rating
        items.append(
            {
                "title": product.get_title(),
                "url": product.get_absolute_url(),
                "stars": rating.stars if rating and rating.is_certified() else None,
            }
        )
    return items


def _suggest_others(text: TextQuery, request) -> list[dict]:
    return [
        {"kind": provider.key, "label": str(provider.label), "title": hit.title, "url": hit.url}
        for provider, hits in get_providers().search(text.words, request=request, limit=3)
        for hit in hits
    ]
