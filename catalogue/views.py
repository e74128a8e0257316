"""The product page: Oscar's, with the OCOP rating, producer, origin and related products."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from lib import fragments
from lib.pagecache import AnonymousPageCacheMixin, hole

from .models import today
from .versions import CATALOGUE_VERSION

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")

RELATED_LIMIT = 4
RELATED_CANDIDATES = 50
# The product with what its page shows, and its related products, are cached this long
# under the catalogue version, which any change to them bumps.
PRODUCT_CACHE_SECONDS = 300
# The product page's fragments (`{% fragment name product_fragment %}` in its template).
PRODUCT_FRAGMENTS = (
    "product-gallery",
    "product-ocop",
    "product-producer",
    "product-seller",
    "product-description",
    "product-info",
)


class CataloguePageCacheMixin(AnonymousPageCacheMixin):
    """A shared catalogue page: stale as soon as the catalogue changes, and at midnight (expiry dates)."""

    def page_cache_key_parts(self) -> tuple:
        return (CATALOGUE_VERSION.current(), today())


@hole("basket")
def basket_count(request, view_kwargs) -> str:
    """The visitor's basket count in the header."""
    return render_to_string("includes/basket_count.html", request=request)


@hole("recently-viewed")
def recently_viewed(request, view_kwargs) -> str:
    """The visitor's recently viewed products (from their cookie), but the one on the page."""
    return render_to_string("oscar/customer/history/recently_viewed_products.html", request=request)


class ProductDetailView(CataloguePageCacheMixin, OscarProductDetailView):
    page_cache_params = frozenset()

    def get_queryset(self):
        Option = get_model("catalogue", "Option")
        return (
            Product.objects.select_related("ocop_rating", "producer", "product_class", "parent")
            .annotate(
                has_product_class_options=Exists(
                    Option.objects.filter(productclass=OuterRef("product_class"))
                ),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
            .prefetch_related("images", "stockrecords", "categories")
        )

    def get_object(self, queryset=None):
        """The product, from the cache when the catalogue has not changed since it was stored.

        Loading it (four relations, three prefetches) cost about 10 ms of ORM work a page.
        """
        if hasattr(self, "object") or queryset is not None:
            return super().get_object(queryset)
        version = self._version = CATALOGUE_VERSION.current()
        keys = [
            f"ocop:product-page:{self.kwargs['pk']}:{version}:{part}"
            for part in ("object", "related")
        ]
        found = cache.get_many(keys)
        product = found.get(keys[0])
        if product is None:
            product = super().get_object()
            cache.set(keys[0], product, PRODUCT_CACHE_SECONDS)
        self._related_key = keys[1]
        self._related = found.get(keys[1])
        return product

    def get_related_products(self, product) -> list:
        """Others from the same sub-group, best rated first, picked among its newest 50.

        The candidates come from a LIMITed subquery, so a sub-group of thousands of
        products costs no more than one of ten.
        """
        categories = list(product.categories.all())
        if not categories:
            return []
        candidates = (
            ProductCategory.objects.filter(category=min(categories, key=lambda c: c.path))
            .exclude(product_id=product.pk)
            .order_by("-product_id")
            .values("product_id")[:RELATED_CANDIDATES]
        )
        return list(
            Product.objects.browsable()
            .filter(pk__in=candidates)
            .for_cards()
            .order_by("-ocop_rating__stars", "-pk")[:RELATED_LIMIT]
        )

    def send_signal(self, request, response, product):
        # A page rendered for sharing is counted (and the visitor's history cookie set) in
        # `page_served`, once for every visitor it is served to.
        if not getattr(request, "rendering_page_cache", False):
            super().send_signal(request, response, product)

    def page_served(self, request, response, view_kwargs) -> None:
        super().send_signal(request, response, Product(pk=int(view_kwargs["pk"])))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        ctx["rating"] = product.current_rating
        related = getattr(self, "_related", None)
        if related is None:
            related = self.get_related_products(product)
            if getattr(self, "_related_key", None):
                cache.set(self._related_key, related, PRODUCT_CACHE_SECONDS)
        ctx["related_products"] = related
        # The parts of the page that are the same for every visitor (templates/oscar/catalogue/
        # detail.html), fetched at once; their key holds the version the product was read at.
        parts = (
            product.pk,
            getattr(self, "_version", None) or CATALOGUE_VERSION.current(),
            today(),
        )
        ctx["product_fragment"] = parts
        ctx["fragment_hits"] = fragments.get_many(PRODUCT_FRAGMENTS, parts)
        return ctx
