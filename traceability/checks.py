"""A deployment check: printed QR codes must carry the public https address."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .label_layouts import LayoutError, layouts


@register(Tags.security, deploy=True)
def check_trace_base_url(app_configs, **kwargs):
    parts = urlsplit(settings.TRACE_BASE_URL)
    if parts.scheme != "https" or not parts.netloc or parts.path not in ("", "/"):
        return [
            Warning(
                f"TRACE_BASE_URL is {settings.TRACE_BASE_URL!r}: QR codes printed now will carry it for years.",
                hint="Set TRACE_BASE_URL to the site's public https address, e.g. https://ocop.example.vn.",
                id="traceability.W001",
            )
        ]
    return []


@register()
def check_label_layouts(app_configs, **kwargs):
    """The label layouts file must read and add up, or the label-run form cannot be shown."""
    try:
        layouts.cache_clear()
        layouts()
    except (LayoutError, OSError, ValueError, KeyError, TypeError) as exc:
        return [
            Error(
                f"traceability/data/label_layouts.json: {exc}",
                hint="Fix the layout: margins, labels and gaps must add up to the page.",
                id="traceability.E001",
            )
        ]
    return []
