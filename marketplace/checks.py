"""A deployment check: links in e-mails need the site's public https address."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from lib.urls import public_url_problem


@register(Tags.security, deploy=True)
def check_site_base_url(app_configs, **kwargs):
    """`check --deploy` fails while SITE_BASE_URL is missing, plain http or a placeholder."""
    value = getattr(settings, "SITE_BASE_URL", "") or ""
    problem = public_url_problem(value)
    if not problem:
        return []
    return [
        Error(
            f"SITE_BASE_URL is {value!r}: {problem}. Links in e-mails (order status, password "
            "resets, invitations) would not reach the site.",
            hint="Set SITE_BASE_URL to the site's public https address, e.g. https://ocop.example.vn.",
            id="marketplace.E001",
        )
    ]
