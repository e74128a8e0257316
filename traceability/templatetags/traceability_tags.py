"""Small helpers for the origin page: phone-sized thumbnails and star ratings."""

from __future__ import annotations

import logging

from django import template
from oscar.core.thumbnails import get_thumbnailer

from traceability.models import Batch

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def thumbnail_url(path: str, size: str = "320x320", crop: str = "center", quality: int = 70) -> str:
    """The URL of a JPEG thumbnail of a stored image, or "" when it cannot be made."""
    if not path:
        return ""
    try:
        thumb = get_thumbnailer().generate_thumbnail(
            str(path), size=size, crop=crop, format="JPEG", quality=quality, upscale=False
        )
        return thumb.url if thumb else ""
    except Exception:  # noqa: BLE001 - a missing photo must not take the page down
        logger.warning("no thumbnail for %s", path, exc_info=True)
        return ""


@register.filter
def stars(count) -> str:
    """★★★★☆ for 4 of 5."""
    try:
        count = max(0, min(5, int(count)))
    except (TypeError, ValueError):
        return ""
    return "★" * count + "☆" * (5 - count)


@register.simple_tag
def latest_origin_url(product) -> str:
    """The origin page of the product's latest published batch, or "".

    The link says it comes from the shop (``via=shop``): following it is not a scan of a
    package, so the origin page does not count it."""
    batch = (
        Batch.objects.published()
        .filter(product=product)
        .select_related("product")
        .order_by("-produced_on", "-pk")
        .first()
    )
    return f"{batch.code_uri()}?via=shop" if batch is not None else ""


@register.filter
def expired_only(certifications) -> list:
    """The certifications whose validity has ended (shown apart on the origin page)."""
    return [cert for cert in certifications or () if cert.is_expired]
