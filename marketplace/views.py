from __future__ import annotations

from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


def page_not_found(request, exception=None):
    """A styled 404 in the visitor's language, for Oscar's and Wagtail's URLs alike."""
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """A styled 400 (a URL or form that cannot be read), in the visitor's language."""
    return render(request, "400.html", status=400)


def server_error(request):
    # The full layout may be what failed, so the 500 page stands alone.
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
