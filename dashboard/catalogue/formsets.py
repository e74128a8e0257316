"""One stock record per product: each product is sold by exactly one cooperative.

Oscar's default strategy prices a product from the first stock record it finds, so a
product shared by two partners would sell at whichever price the database returns first.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import formsets

# However many forms a post claims (its TOTAL_FORMS), no formset builds more than this:
# Django's default, 2000, lets one post keep a worker busy for minutes.
MAX_FORMS = 20


class StockRecordFormSet(formsets.StockRecordFormSet):
    extra = 1
    max_num = 1
    validate_max = True
    absolute_max = MAX_FORMS

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        if self.require_user_stockrecord:
            partners = list(user.partners.all()[:2])
            if len(partners) == 1:
                # A cooperative's user sells for their own cooperative only: nothing to choose.
                for form in self.forms:
                    form.fields["partner"].initial = partners[0]
                    form.fields["partner"].empty_label = None

    def set_initial_data(self):
        if self.forms:  # none when the post's management form is missing
            super().set_initial_data()

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("partner") and not form.cleaned_data.get("DELETE")
        ]
        if len(kept) > 1:
            raise ValidationError(
                _("A product is sold by exactly one cooperative: give it one stock record."),
                code="too_many_stockrecords",
            )
        if not kept and not (self.instance and self.instance.is_parent):
            raise ValidationError(
                _(
                    "Give the product its stock record: the cooperative that sells it, its price and stock."
                ),
                code="missing_stockrecord",
            )


class ProductCategoryFormSet(formsets.ProductCategoryFormSet):
    max_num = absolute_max = MAX_FORMS


class ProductImageFormSet(formsets.ProductImageFormSet):
    max_num = absolute_max = MAX_FORMS


class ProductRecommendationFormSet(formsets.ProductRecommendationFormSet):
    max_num = absolute_max = MAX_FORMS
