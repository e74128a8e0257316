"""Django's admin of Oscar models that the shop writes itself (addresses, votes, basket
lines, offer conditions and benefits, voucher applications): they are read and changed
there, not added by hand. Their add forms cannot take a partial post (the models' own
checks read relations the form has not filled: a 500), and such rows come from the shop's
pages and Oscar's dashboard anyway."""

from __future__ import annotations

from django.contrib import admin
from oscar.core.loading import get_model

SHOP_WRITTEN = [
    ("address", "UserAddress"),
    ("reviews", "Vote"),
    ("basket", "Line"),
    ("offer", "Condition"),
    ("offer", "Benefit"),
    ("voucher", "VoucherApplication"),
]


class NotAddedByHand:
    def has_add_permission(self, request, obj=None):
        return False


for app_label, model_name in SHOP_WRITTEN:
    model = get_model(app_label, model_name)
    if admin.site.is_registered(model):
        base = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(model, type(base.__name__, (NotAddedByHand, base), {}))
