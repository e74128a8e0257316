"""Oscar's product pickers; a posted value that is no product id is shown back as no choice,
where Oscar's looked it up in the database (a 500 on a re-shown form)."""

from __future__ import annotations

from oscar.apps.dashboard.catalogue import widgets

from lib.ids import valid_ids


class ValidIdsMixin:
    def optgroups(self, name, value, attrs=None):
        return super().optgroups(name, [str(pk) for pk in valid_ids(value)], attrs)


class ProductSelect(ValidIdsMixin, widgets.ProductSelect):
    pass


class ProductSelectMultiple(ValidIdsMixin, widgets.ProductSelectMultiple):
    pass
