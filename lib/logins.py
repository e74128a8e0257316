"""Who is trying to sign in, for the login throttle (django-axes calls these by dotted path)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.shortcuts import render

from .http import client_ip

# The sign-in forms' fields: Django's and Wagtail's, and Oscar's prefixed shop form.
USERNAME_FIELDS = ("username", "login-username")


def client_address(request) -> str | None:
    """`client_ip` (so CLIENT_IP_HEADER counts), or None when it is not an IP address."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def login_name(request, credentials: dict | None = None) -> str | None:
    """The name being tried, folded, so "An@X.vn " and "an@x.vn" count as one account."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        data = getattr(request, "POST", {})
        name = next((data[field] for field in USERNAME_FIELDS if data.get(field)), None)
    return name.strip().casefold()[:255] if isinstance(name, str) and name.strip() else None


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """The lock-out page (templates/lockout.html), 429, with the wait in whole minutes."""
    wait = settings.AXES_COOLOFF_TIME
    minutes = max(1, round(wait.total_seconds() / 60)) if wait else None
    return render(
        request,
        "lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )
