"""The site's public address, for links that leave the site: e-mails above all.

One setting holds it, SITE_BASE_URL (e.g. https://ocop.example.vn); every absolute link is
built from it, never from a request's Host header nor from Django's Site row, which
`marketplace` keeps in step with it for Oscar's and Django's own e-mails.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

# Host names that are never a public site: RFC 2606/6761 reserved names and loopback.
PLACEHOLDER_HOSTS = ("example.com", "example.net", "example.org", "localhost")
PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".localhost", ".test", ".local")


def base_url() -> str:
    """SITE_BASE_URL without its trailing slash."""
    return (getattr(settings, "SITE_BASE_URL", "") or "").rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (e.g. "/shop/accounts/") on the public site; an absolute URL is returned as is."""
    if urlsplit(path).scheme:
        return path
    return f"{base_url()}/{path.lstrip('/')}"


def site_domain() -> str:
    """The host (and port, if any) of the public site, as Django's Site.domain holds it."""
    return urlsplit(base_url()).netloc


def site_protocol() -> str:
    return urlsplit(base_url()).scheme or "https"


def is_placeholder_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host in PLACEHOLDER_HOSTS or host.endswith(PLACEHOLDER_SUFFIXES):
        return True
    if any(host.endswith("." + name) for name in PLACEHOLDER_HOSTS):
        return True
    return host.startswith("127.") or host in ("0.0.0.0", "::1", "[::1]")


def public_url_problem(url: str) -> str:
    """Why `url` cannot be a production site's public address, or "" when it can."""
    if not url:
        return "it is not set"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return "it is not an https address"
    if not parts.hostname:
        return "it has no host name"
    if is_placeholder_host(parts.hostname):
        return f"{parts.hostname} is a placeholder, not a public host"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return "it must be the site's root, without a path, query or fragment"
    return ""
