from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def num(value):
    """Whole numbers with the reader's thousands separator (1.250.000 in Vietnamese); text as is."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    separator = "," if (get_language() or "vi").startswith("en") else "."
    return f"{value:,}".replace(",", separator)
