"""Request helpers shared by the apps."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404


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


def reads_any_text(view):
    """Marks a view that answers whatever text its URL holds, NUL included (printed codes)."""
    view.reads_any_text = True
    return view


class NulInUrlMiddleware:
    """NUL in a URL: a 400 in its query string, a 404 in a path parameter (nothing is named
    with one). PostgreSQL refuses NUL in any text, so wherever it reached a query it was a
    DataError, a 500. Forms' own fields refuse NUL already (Django's CharField); views that
    read any text themselves are marked with reads_any_text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL in the query string")
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if getattr(view, "reads_any_text", False):
            return None
        if any(isinstance(value, str) and "\x00" in value for value in (*args, *kwargs.values())):
            raise Http404
        return None
