"""The Content-Security-Policy and where our media may come from; base.py fills in the values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from csp.constants import NONCE


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def media_origins(settings: Mapping[str, Any], extra: list[str]) -> list[str]:
    """Where uploaded media is served besides this site: MEDIA_URL if it is absolute, the S3
    bucket (its custom domain, its endpoint or AWS's own address) and `extra` (MEDIA_ORIGINS)."""
    store, bucket = "", settings.get("AWS_STORAGE_BUCKET_NAME")
    if bucket:
        region = settings.get("AWS_S3_REGION_NAME")
        aws = f"https://{bucket}.s3{'.' + region if region else ''}.amazonaws.com"
        domain = settings.get("AWS_S3_CUSTOM_DOMAIN")
        store = f"https://{domain}" if domain else settings.get("AWS_S3_ENDPOINT_URL") or aws
    return [*extra, *filter(None, (origin(settings["MEDIA_URL"]), origin(store)))]


def content_security_policy(media: list[str], report_uri: list[str]) -> dict:
    """Scripts from this site or with the request's nonce only; marketplace/csp.py adds the
    few path-scoped exceptions (Stripe on the checkout, Wagtail's admin)."""
    return {
        "DIRECTIVES": {
            "default-src": ["'self'"],
            "script-src": ["'self'", NONCE],
            # Oscar's and Wagtail's templates, the origin page and Stripe Elements style inline.
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", *media],
            "font-src": ["'self'", "data:"],
            "connect-src": ["'self'"],
            "frame-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "frame-ancestors": ["'none'"],
            "form-action": ["'self'"],
            "report-uri": report_uri or None,
        }
    }
