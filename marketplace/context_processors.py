from __future__ import annotations

from django.conf import settings


def site(request):
    """What the shared header and footer need on every page, Oscar's and Wagtail's alike."""
    return {
        "LANGUAGES": settings.LANGUAGES,
        "site_name": settings.OSCAR_SHOP_NAME,
        "site_tagline": settings.OSCAR_SHOP_TAGLINE,
        "ecommerce_registration": getattr(settings, "ECOMMERCE_REGISTRATION", ""),
    }
