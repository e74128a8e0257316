"""Errors as RFC 9457 problem details (application/problem+json), in the caller's language.

Every error the API answers has ``type``, ``title``, ``status``, ``detail`` and ``instance``;
a refused request body or query adds ``errors``, one per field: ``pointer`` (a JSON Pointer
into the body) or ``parameter`` (a query parameter), with ``detail`` and ``code``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "urn:ocop:api:problem:"


class QueryValidationError(exceptions.ValidationError):
    """Bad query parameters: their errors name the parameter, not a body pointer."""


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def titles() -> dict[int, str]:
    return {
        400: _("The request is not valid."),
        401: _("Authentication is needed."),
        403: _("This is not allowed."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("This response format cannot be given."),
        409: _("The request conflicts with the current state."),
        415: _("This content type is not accepted: send JSON."),
        429: _("Too many requests."),
    }


def _escape(part) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def flatten(detail, path: tuple = ()) -> list[tuple[tuple, exceptions.ErrorDetail]]:
    """DRF's nested error detail as (path, message) pairs."""
    if isinstance(detail, dict):
        return [pair for key, value in detail.items() for pair in flatten(value, (*path, key))]
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [(path, item) for item in detail]
        return [pair for i, item in enumerate(detail) for pair in flatten(item, (*path, i))]
    return [(path, detail)]


def field_errors(detail, query: bool) -> list[dict]:
    errors = []
    for path, message in flatten(detail):
        entry: dict = {"detail": str(message), "code": getattr(message, "code", "invalid")}
        names = [p for p in path if p != "non_field_errors"]
        if query:
            entry["parameter"] = ".".join(str(p) for p in names)
        else:
            entry["pointer"] = "#" + "".join(f"/{_escape(p)}" for p in names)
        errors.append(entry)
    return errors


def problem(status_code: int, detail: str, code: str, request=None, errors=None, **extra):
    body = {
        "type": TYPE_BASE + code.replace("_", "-"),
        "title": titles().get(status_code, detail),
        "status": status_code,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.path
    if errors:
        body["errors"] = errors
    body.update(extra)
    return Response(body, status=status_code, content_type=CONTENT_TYPE)


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    if not isinstance(exc, exceptions.APIException):
        return None
    if not getattr(context.get("view"), "owns_transaction", False):
        set_rollback()  # a write view rolled its own transaction back already
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        query = isinstance(exc, QueryValidationError)
        response = problem(
            400,
            _("Some values are not valid: see the errors."),
            "validation-error",
            request,
            errors=field_errors(exc.detail, query),
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else _("The request is not valid.")
        code = getattr(exc.detail, "code", None) or exc.default_code
        response = problem(exc.status_code, str(detail), str(code), request)
    for name, value in headers.items():
        response[name] = value
    return response


def plain_problem(request, status_code: int):
    """A problem+json answer outside DRF (Django's 400, 404 and 500 handlers under /api/)."""
    from django.http import JsonResponse
    from django.utils import translation

    from .base import language_of

    translation.activate(language_of(request))
    title = titles().get(status_code) or _("The server failed: try again later.")
    body = {
        "type": TYPE_BASE + {400: "bad-request", 404: "not-found"}.get(status_code, "server-error"),
        "title": str(title),
        "status": status_code,
        "detail": str(title),
        "instance": request.path,
    }
    response = JsonResponse(body, status=status_code, content_type=CONTENT_TYPE)
    response["Content-Language"] = translation.get_language()
    return response
