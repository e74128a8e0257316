"""The OpenAPI document and its reading page: Swagger UI from our own static files, started
by static/js/api-docs.js (no inline script, no CDN)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularAPIView
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from . import problems


@require_safe
def docs(request):
    return render(request, "api/docs.html", {"schema_url": reverse("api-schema")})


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer])
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in problem+json."""
    from django.utils import translation

    from .base import language_of

    translation.activate(language_of(request))
    return problems.problem(404, str(problems.titles()[404]), "not-found", request)


not_found.cls.authentication_classes = []
not_found.cls.throttle_classes = []
not_found.cls.schema = None

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="api-schema",
    ),
    path("docs/", docs, name="api-docs"),
]
