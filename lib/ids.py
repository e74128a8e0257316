"""Row ids from outside (URLs, forms) that no database row can have: not found, never a 500.

Databases hold ids in signed 64-bit integers. A URL such as `/shop/catalogue/x_99999999999999999999/`
or a form posting `selected_product=junk` would otherwise reach the database, where SQLite
raises OverflowError, PostgreSQL a DataError, and Django a ValueError for text.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models
from django.db.models.lookups import In
from django.http import Http404

BIGINT_MIN = -(2**63)
BIGINT_MAX = 2**63 - 1

INTEGER_KEYS = (models.AutoField, models.BigAutoField, models.IntegerField, models.SmallAutoField)


def as_id(value) -> int | None:
    """`value` as a row id (0 to 2^63 - 1), or None when no row can have it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        number = int(value)
    else:
        return None
    return number if 0 <= number <= BIGINT_MAX else None


def valid_ids(values: Iterable) -> list[int]:
    """The values that can be row ids; the others are dropped."""
    return [number for number in map(as_id, values) if number is not None]


def is_id_name(name: str) -> bool:
    """Whether a URL parameter names a row: pk, id, product_pk, line_id…"""
    return name in ("pk", "id") or name.endswith(("_pk", "_id"))


def _model_of(view) -> type[models.Model] | None:
    model = getattr(view, "view_initkwargs", {}).get("model") or getattr(
        getattr(view, "view_class", None), "model", None
    )
    if isinstance(model, str):
        try:
            model = apps.get_model(model)
        except (LookupError, ValueError):
            return None
    return model if isinstance(model, type) and issubclass(model, models.Model) else None


def _out_of_range(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    if isinstance(value, int):
        return not BIGINT_MIN <= value <= BIGINT_MAX
    text = value.removeprefix("-")
    return text.isascii() and text.isdigit() and not BIGINT_MIN <= int(value) <= BIGINT_MAX


class OutOfRangeIdsMiddleware:
    """404 for a URL whose id parameters no row can have, before the view asks the database.

    Any integer beyond the 64-bit range (as an int, or as the text of a positional group or an
    id parameter); and a parameter named like a row
    id (pk, *_pk, *_id) that is not a whole number when the view's model has integer keys
    (Oscar's and Wagtail's views take `<str:pk>`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if any(isinstance(value, int) and _out_of_range(value) for value in kwargs.values()):
            raise Http404
        # Text that is a number beyond the range: positional groups ((\d+)) and id names only,
        # since other parameters (codes, order numbers) may be long digit strings.
        ids = [*args, *(value for name, value in kwargs.items() if is_id_name(name))]
        if any(_out_of_range(value) for value in ids):
            raise Http404
        named = [value for name, value in kwargs.items() if is_id_name(name)]
        if any(isinstance(value, str) and as_id(value) is None for value in named):
            model = _model_of(view)
            if model is not None and isinstance(model._meta.pk, INTEGER_KEYS):
                raise Http404
        return None


class IntegerFieldIn(In):
    """`in` over an integer column leaves out the values no such column can hold, as Django's
    own exact and comparison lookups do (IntegerFieldOverflow), where SQLite raised
    OverflowError: a form's ModelMultipleChoiceField, a dashboard's ticked rows."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            kind = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(kind)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register_lookups() -> None:
    models.IntegerField.register_lookup(IntegerFieldIn)
