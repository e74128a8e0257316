"""`{{ order.status|status_label }}`: an order status in the reader's language, never its code."""

from __future__ import annotations

from django import template

from order import statuses

register = template.Library()


@register.filter
def status_label(status) -> str:
    return statuses.label(status) if status else ""
