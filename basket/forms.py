"""Oscar's basket forms; a basket line's quantity box names itself to screen readers."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.forms import BasketLineForm as OscarBasketLineForm


class BasketLineForm(OscarBasketLineForm):
    def __init__(self, strategy, *args, **kwargs):
        super().__init__(strategy, *args, **kwargs)
        if "quantity" in self.fields:
            product = getattr(self.instance, "product", None)
            label = (
                _("Quantity of %(product)s") % {"product": product.get_title()}
                if product
                else _("Quantity")
            )
            self.fields["quantity"].widget.attrs["aria-label"] = label
