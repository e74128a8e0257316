"""Browse, category and search pages served from the database instead of Haystack."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from .query import SORT_CHOICES, SORT_KEYS, browsable_products, search_products, sort_products
from .text import MAX_QUERY_LENGTH

Category = get_model("catalogue", "Category")


class ProductListView(TemplateView):
    """A paginated, sortable, searchable list of products."""

    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    summary = _("All products")

    def get_query(self) -> str:
        return (self.request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]

    def get_sort(self) -> str:
        sort = self.request.GET.get("sort_by", "")
        return sort if sort in SORT_KEYS else "relevance"

    def get_queryset(self):
        return browsable_products()

    def paginate(self, queryset):
        paginator = Paginator(queryset, self.paginate_by, allow_empty_first_page=True)
        try:
            page_number = int(self.request.GET.get("page", 1))
        except (TypeError, ValueError):
            raise Http404(_("Invalid page number.")) from None
        try:
            return paginator, paginator.page(page_number)
        except InvalidPage:
            raise Http404(_("Invalid page number.")) from None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.get_query()
        sort = self.get_sort()
        queryset = search_products(self.get_queryset(), query)
        queryset = sort_products(queryset, sort, searching=bool(query))
        paginator, page = self.paginate(queryset)
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(
            {
                "summary": self.summary,
                "query": query,
                "sort_by": sort,
                "sort_choices": SORT_CHOICES,
                "paginator": paginator,
                "page_obj": page,
                "products": page.object_list,
                "querystring": params.urlencode(),
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
        categories = self.category.get_descendants_and_self()
        return browsable_products().filter(categories__in=categories).distinct()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        return ctx


class FacetedSearchView(ProductListView):
    template_name = "oscar/search/results.html"
    summary = _("Search")
