"""Oscar's wish list views, with their 500s on malformed requests turned into answers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.wishlists import views
from oscar.apps.customer.wishlists.views import *  # noqa: F403
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

# However many forms a post claims (TOTAL_FORMS), no more are built: Django's default (2000)
# let one post keep a worker busy for seconds. A list's lines and shared addresses fit.
MAX_FORMS = 100
views.LineFormset.max_num = views.LineFormset.absolute_max = MAX_FORMS
views.WishListSharedEmailFormset.max_num = MAX_FORMS
views.WishListSharedEmailFormset.absolute_max = MAX_FORMS


class WishListCreateView(views.WishListCreateView):
    """Oscar redirects a missing product to an unnamespaced URL name that does not exist."""

    def dispatch(self, request, *args, **kwargs):
        if "product_pk" in kwargs and not Product.objects.filter(pk=kwargs["product_pk"]).exists():
            messages.error(request, _("The requested product no longer exists"))
            return redirect("customer:wishlists-create")
        return super().dispatch(request, *args, **kwargs)


class WishListDetailView(views.WishListDetailView):
    """The quantities form of a list: a form that names no line of it (a line removed in
    another tab, a forged id, a broken management form) changes nothing and says so; Oscar
    re-showed it and failed on the missing line's links."""

    def _names_other_lines(self, formset) -> bool:
        return bool(formset.non_form_errors()) or any(
            form.instance.pk is None for form in formset.forms
        )

    def form_invalid(self, form):
        if self._names_other_lines(form):
            messages.error(
                self.request,
                _("Your wish list has changed meanwhile; nothing was updated. Please try again."),
            )
            return redirect("customer:wishlists-detail", key=self.object.key)
        return super().form_invalid(form)

    def form_valid(self, form):
        if self._names_other_lines(form):
            return self.form_invalid(form)
        return super().form_valid(form)
