"""The product page: Oscar's, with the OCOP rating, producer, origin and related products."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_class, get_model

from search.query import in_category

Product = get_model("catalogue", "Product")

RELATED_LIMIT = 4


class ProductDetailView(OscarProductDetailView):
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

    def get_related_products(self, product) -> list:
        """Products the shop recommends, else others from the same sub-group, best rated first."""
        categories = list(product.categories.all())
        if not categories:
            return []
        return list(
            Product.objects.browsable()
            .filter(in_category(categories[0]))
            .exclude(pk=product.pk)
            .for_cards()
            .order_by("-ocop_rating__stars", "-pk")[:RELATED_LIMIT]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        ctx["rating"] = product.current_rating
        ctx["related_products"] = self.get_related_products(product)
        return ctx


CatalogueView = get_class("search.views", "CatalogueView")
ProductCategoryView = get_class("search.views", "ProductCategoryView")
