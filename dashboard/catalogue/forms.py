"""The dashboard's product form, with what buyers ask about an OCOP product; its pictures
are measured before they are opened (lib.images), its prices and stock kept sane."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms
from oscar.core.loading import get_model

from lib.images import ImageField
from partner.validators import validate_price, validate_stock

StockRecord = get_model("partner", "StockRecord")


def _attr_image_field(attribute):
    return ImageField(label=attribute.name, required=attribute.required)


class ProductForm(forms.ProductForm):
    FIELD_FACTORIES = {**forms.ProductForm.FIELD_FACTORIES, "image": _attr_image_field}

    # The province of origin and the producer follow the cooperative's profile (signals),
    # and the product story stays with staff in the CMS-grade editor: it is rich text.
    class Meta(forms.ProductForm.Meta):
        fields = [
            *forms.ProductForm.Meta.fields[:2],
            "title_en",
            *forms.ProductForm.Meta.fields[2:],
            "net_quantity",
            "unit",
            "shelf_life_months",
            "storage",
            "ingredients",
            "certifications",
            "geographical_indication",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quantity = self.initial.get("net_quantity")
        if isinstance(quantity, Decimal):
            # Stored with three decimals: 1 is shown as "1", 0.25 as "0.25", never "1.000".
            self.initial["net_quantity"] = format(quantity.normalize(), "f")


class ProductImageForm(forms.ProductImageForm):
    class Meta(forms.ProductImageForm.Meta):
        field_classes = {"original": ImageField}


class CategoryForm(forms.CategoryForm):
    class Meta(forms.CategoryForm.Meta):
        field_classes = {"image": ImageField}


class StockRecordForm(forms.StockRecordForm):
    """A cooperative's price and stock: whole đồng above 0, stock from 0, within the ceilings,
    and never below what orders have already reserved. The database refuses the rest."""

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        # Our validators replace Django's (digit counts, bounds): one clear message per mistake.
        if "price" in self.fields:
            self.fields["price"].validators = [validate_price]
            self.fields["price"].widget.attrs.update(min=1, step=1, max=settings.OCOP_MAX_PRICE)
        for name in ("num_in_stock", "low_stock_threshold"):
            if name in self.fields:
                self.fields[name].validators = [validate_stock]
                self.fields[name].widget.attrs.update(min=0, step=1, max=settings.OCOP_MAX_STOCK)

    def clean_price_currency(self):
        currency = self.cleaned_data.get("price_currency")
        if currency != settings.OSCAR_DEFAULT_CURRENCY:
            raise ValidationError(
                _("Prices are in %(currency)s."),
                code="currency",
                params={"currency": settings.OSCAR_DEFAULT_CURRENCY},
            )
        return currency

    def clean_num_in_stock(self):
        stock = self.cleaned_data.get("num_in_stock")
        reserved = self._reserved_units()
        if stock is not None and stock < reserved:
            raise ValidationError(
                _(
                    "%(reserved)s units are reserved for orders not yet shipped: the stock cannot be lower."
                ),
                code="below_reserved",
                params={"reserved": reserved},
            )
        return stock

    def _reserved_units(self) -> int:
        if not self.instance.pk:
            return 0
        records = StockRecord.objects.filter(pk=self.instance.pk)
        if connection.in_atomic_block:
            # Held until the request's transaction ends, so no order allocates in between.
            records = records.select_for_update()
        return records.values_list("num_allocated", flat=True).first() or 0
