"""Oscar's basket views; adding refuses a product that cannot be bought."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.views.generic import FormView
from oscar.apps.basket import views
from oscar.apps.basket.views import *  # noqa: F403
from oscar.core.utils import redirect_to_referrer

from .availability import unavailable_reason


class BasketAddView(views.BasketAddView):
    """A product of a suspended or unapproved cooperative, or a hidden one, is refused by id too."""

    def post(self, request, *args, **kwargs):
        self.product = get_object_or_404(self.product_model, pk=kwargs["pk"])
        reason = unavailable_reason(self.product)
        if reason:
            messages.error(request, reason)
            return redirect_to_referrer(request, "basket:summary")
        # Oscar's post only looks the product up again.
        return FormView.post(self, request, *args, **kwargs)


class BasketView(views.BasketView):
    """Oscar's basket page; a post without the formset's MIN/MAX_NUM_FORMS fields is shown
    back with its errors, where Oscar's re-display read them unchecked (a 500)."""

    def remove_deleted_forms(self, formset):
        data = formset.data.copy()
        for name in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data.setdefault(formset.management_form.add_prefix(name), "")
        formset.data = data
        super().remove_deleted_forms(formset)
