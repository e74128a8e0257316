"""Filters every template has without `{% load %}` (settings TEMPLATES "builtins").

`{{ product.description|clean_html }}` shows HTML that a cooperative, buyer or applicant wrote,
cut down to the allow-list of `lib.html`; never `|safe` on such text.
`{% fragment name part… %}…{% endfragment %}` caches a part of a page that is the same for
every visitor (`lib.fragments`).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from . import fragments, html

register = template.Library()
register.tag("fragment", fragments.do_fragment)


@register.filter(name="clean_html")
def clean_html(value: object) -> SafeString:
    return mark_safe(html.clean_html(value))  # nh3 left only the allow-list
