"""The dashboard's product form, with what buyers ask about an OCOP product; its pictures
are measured before they are opened (lib.images)."""

from __future__ import annotations

from oscar.apps.dashboard.catalogue import forms

from lib.images import ImageField


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


class ProductImageForm(forms.ProductImageForm):
    class Meta(forms.ProductImageForm.Meta):
        field_classes = {"original": ImageField}


class CategoryForm(forms.CategoryForm):
    class Meta(forms.CategoryForm.Meta):
        field_classes = {"image": ImageField}
