"""Oscar's catalogue dashboard views; the product picker's lookup reads its URL defensively."""

from __future__ import annotations

from django.conf import settings
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

from compliance import listings
from lib.ids import as_id, valid_ids

from ..tasks import low_stock_products

ProductClass = get_model("catalogue", "ProductClass")

PAGE_LIMIT, MAX_PAGE_LIMIT = 20, 100


class ProductLookupView(views.ProductLookupView):
    """Oscar turned ?page= and ?page_limit= into numbers unchecked and queried ?initial= ids
    as they came: junk, 0 or negatives were a 500. Now they fall back to the first page of
    20, and ids that no product can have find nothing."""

    def get_args(self):
        initial, q = self.request.GET.get("initial"), self.request.GET.get("q")
        page = as_id(self.request.GET.get("page", "")) or 1
        limit = as_id(self.request.GET.get("page_limit", "")) or PAGE_LIMIT
        return initial, q, page, min(limit, MAX_PAGE_LIMIT)

    def initial_filter(self, qs, value):
        return qs.filter(pk__in=valid_ids(value.split(",")))


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    """A cooperative's new listing, or a material change to one, waits for staff review
    (E-commerce Law 122/2025/QH15); staff's own edits publish as they are."""

    def forms_valid(self, form, formsets):
        creating = self.creating
        response = super().forms_valid(form, formsets)
        if not self.request.user.is_staff and (creating or listings.is_material(form.changed_data)):
            listings.submit(self.object, by=self.request.user)
        return response


class ProductListView(views.ProductListView):
    """`?low_stock=1`: the products behind the home page's "running out of stock" task."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.GET.get("low_stock") == "1":
            queryset = low_stock_products(queryset, self.request.user)
        return queryset


class ProductCreateRedirectView(views.ProductCreateRedirectView):
    """ "New product" without a product type chosen starts an OCOP product (the type
    OCOP_DEFAULT_PRODUCT_CLASS names): a cooperative does not have to pick a type first."""

    def get_invalid_product_class_url(self):
        product_class = ProductClass.objects.filter(
            slug=settings.OCOP_DEFAULT_PRODUCT_CLASS
        ).first()
        if product_class is None:
            return super().get_invalid_product_class_url()
        return self.get_product_create_url(product_class)
