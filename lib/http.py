"""Request helpers shared by the apps."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address, for rate limits: REMOTE_ADDR, or behind a proxy its header.

    `CLIENT_IP_HEADER` names the header (e.g. `HTTP_X_REAL_IP`); for X-Forwarded-For the
    last address, the one the proxy itself saw, is used, since a client can forge the others.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
