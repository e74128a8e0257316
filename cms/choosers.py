"""Admin choosers over the shop's products and cooperatives, for page fields and StreamField blocks."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from search.text import terms


class FoldedSearchForm(BaseFilterForm):
    """A search box that matches without accents ("ca phe" finds "Cà phê")."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    lookups: tuple[str, ...] = ()

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            for word in terms(query):
                condition = Q()
                for lookup in self.lookups:
                    condition |= Q(**{lookup: word})
                objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class ProductSearchForm(FoldedSearchForm):
    lookups = ("search_title__contains", "search_body__contains")


class ProducerSearchForm(FoldedSearchForm):
    # A cooperative's slug is its folded short name: "htx ca phe" finds "HTX Cà phê …".
    lookups = ("slug__contains", "name__icontains", "short_name__icontains")


class ProductChooseMixin:
    filter_form_class = ProductSearchForm
    ordering = ("title", "pk")

    def get_object_list(self):
        return self.model_class.objects.filter(is_public=True).select_related("product_class")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("upc", label=_("GTIN (barcode)")),
        ]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit this product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    creation_form_class = None
    form_fields = None


class ProducerChooseMixin:
    filter_form_class = ProducerSearchForm
    ordering = ("name", "pk")

    def get_object_list(self):
        return self.model_class.objects.approved()


class ProducerChooseView(ProducerChooseMixin, ChooseView):
    pass


class ProducerChooseResultsView(ProducerChooseMixin, ChooseResultsView):
    pass


class ProducerChooserViewSet(ChooserViewSet):
    model = "producers.Producer"
    icon = "group"
    choose_one_text = _("Choose a cooperative")
    choose_another_text = _("Choose another cooperative")
    edit_item_text = _("Edit this cooperative")
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView
    creation_form_class = None
    form_fields = None


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="choose/product")
producer_chooser_viewset = ProducerChooserViewSet("producer_chooser", url_prefix="choose/producer")
