"""Template helpers for CMS pages: translated fields and breadcrumbs."""

from __future__ import annotations

from django import template

from lib.i18n import pick

register = template.Library()


@register.filter
def tr(obj, field: str):
    """``{{ page|tr:"intro" }}``: the field in the visitor's language, Vietnamese as fallback."""
    if obj is None:
        return ""
    if not hasattr(obj, field):
        return ""
    return pick(obj, field)


@register.inclusion_tag("cms/includes/breadcrumbs.html")
def breadcrumbs(page):
    ancestors = list(page.get_ancestors().filter(depth__gt=2).specific()) if page else []
    return {"ancestors": ancestors, "page": page}


@register.simple_tag
def province_name(code: str) -> str:
    from cms.products import province_name as name

    return name(code)
