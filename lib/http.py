"""Request helpers shared by the apps."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest


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


class NulInUrlMiddleware:
    """A URL whose path or query holds NUL is answered 400: no page takes one, and PostgreSQL
    refuses it in any text it is compared with (a DataError, a 500, wherever it reached a
    query). Forms' own fields refuse NUL already (Django's CharField)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL in the URL")
        return self.get_response(request)
