"""The dashboard's product form, with what buyers ask about an OCOP product."""

from __future__ import annotations

from oscar.apps.dashboard.catalogue import forms


class ProductForm(forms.ProductForm):
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
