"""Pieces of the OpenAPI description: the problem document, error answers, cursor parameters."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class FieldErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    pointer = serializers.CharField(required=False, help_text="A JSON Pointer into the body.")
    parameter = serializers.CharField(required=False, help_text="A query parameter's name.")


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, in the request's language."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    errors = FieldErrorSerializer(many=True, required=False)


PROBLEM = OpenApiResponse(ProblemSerializer, description="Problem details (RFC 9457).")
NOT_MODIFIED = OpenApiResponse(description="Not modified since the ETag or date sent.")

CURSOR = (
    OpenApiParameter(
        "cursor", OpenApiTypes.STR, description="The page to read (from next/previous)."
    ),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Up to 200; 50 by default."),
)

EPCIS_DOCUMENT = OpenApiTypes.OBJECT


def public(ok, media_type: str | None = None) -> dict:
    """The answers of a public GET: the data, not modified, and the problems it may give."""
    key = (200, media_type) if media_type else 200
    return {
        key: ok,
        304: NOT_MODIFIED,
        400: PROBLEM,
        401: PROBLEM,
        404: PROBLEM,
        406: PROBLEM,
        429: PROBLEM,
    }


def private(ok, status: int = 200) -> dict:
    """The answers of a cooperative's endpoint."""
    return {
        status: ok,
        400: PROBLEM,
        401: PROBLEM,
        403: PROBLEM,
        404: PROBLEM,
        409: PROBLEM,
        406: PROBLEM,
        415: PROBLEM,
        429: PROBLEM,
    }


def only_api(endpoints, **kwargs):
    """The schema describes /api/v1/ only, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class TokenScheme(OpenApiAuthenticationExtension):
    """A cooperative's token, sent as ``Authorization: Bearer <secret>``."""

    target_class = "api.tokens.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A cooperative's API token, made in the dashboard.",
        }
