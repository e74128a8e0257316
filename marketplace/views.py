from __future__ import annotations

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.static import serve

from . import health


def _api_problem(request, status: int):
    """Under /api/ every error is problem+json (api/problems.py), this one included."""
    if request.path.startswith("/api/"):
        from api.problems import plain_problem

        return plain_problem(request, status)
    return None


def page_not_found(request, exception=None):
    """A styled 404 in the visitor's language, for Oscar's and Wagtail's URLs alike."""
    if problem := _api_problem(request, 404):
        return problem
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """A styled 400 (a URL or form that cannot be read), in the visitor's language."""
    if problem := _api_problem(request, 400):
        return problem
    return render(request, "400.html", status=400)


def media(request, path):
    """Uploads served by Django (SERVE_MEDIA, `make run`): a name the file system cannot take
    (too long, a NUL) is a file that does not exist, not a server error."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):
        raise Http404(path) from None
    patch_cache_control(response, public=True, max_age=settings.MEDIA_CACHE_SECONDS)
    return response


def server_error(request):
    # The full layout may be what failed, so the 500 page stands alone.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))


def database_unavailable(request):
    """503 when the database went away (a restart, a failover): try again in a moment.

    With ATOMIC_REQUESTS the request's transaction was rolled back, so nothing it wrote is
    left half-done. Broken connections are dropped here, so the next request reconnects.
    """
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:
            continue  # not after a request (a test's wrapping transaction): leave it be
        try:
            conn.close_if_unusable_or_obsolete()
        except DatabaseError:
            conn.connection = None  # closing a dead socket can fail too: forget it
    body = loader.get_template("503.html").render({"request": request})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "10"
    return response


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """Liveness: the process answers. It touches no dependency (that is `/readyz`)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@transaction.non_atomic_requests  # no transaction to open: the database may be what is down
def readyz(request):
    """Readiness: each dependency's state and latency, as JSON (see marketplace/health.py)."""
    status, body = health.readiness()
    response = JsonResponse(body, status=status)
    # Polled every few seconds: an outage is logged by the requests it fails, not per poll.
    response._has_been_logged = True
    return response
