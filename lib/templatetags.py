"""Filters every template has without `{% load %}` (settings TEMPLATES "builtins").

`{{ product.description|clean_html }}` shows HTML that a cooperative, buyer or applicant wrote,
cut down to the allow-list of `lib.html`; never `|safe` on such text.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from . import html

register = template.Library()


@register.filter(name="clean_html")
def clean_html(value: object) -> SafeString:
    return mark_safe(html.clean_html(value))  # nh3 left only the allow-list
