"""What every API view shares: tokens and scopes, throttles, JSON, problem+json errors, the
caller's language (Accept-Language; Vietnamese by default), ETag and Last-Modified."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import exceptions, generics, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from lib.ids import as_id

from . import problems
from .throttling import AnonymousThrottle, TokenThrottle
from .tokens import ScopePermission, TokenAuthentication, token_of


def row_id(ref: str) -> int:
    """A row id from the URL; text no row can have is a 404 (problem+json), not a 500."""
    pk = as_id(ref)
    if pk is None:
        raise exceptions.NotFound()
    return pk


class ProblemJSONRenderer(JSONRenderer):
    """JSON, and the media type a client asking for problem details may name."""

    media_type = "application/problem+json"


def language_of(request) -> str:
    """The first language of Accept-Language that the site speaks; Vietnamese otherwise."""
    spoken = {code for code, _name in settings.LANGUAGES}
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = code.lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in spoken:
                return candidate
    return settings.LANGUAGE_CODE


def newest(rows, field: str):
    """The latest ``field`` among ``rows`` (None when none has one): a page's Last-Modified."""
    stamps = [getattr(row, field) for row in rows if getattr(row, field, None)]
    return max(stamps) if stamps else None


def _etag_matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag.removeprefix("W/") in wanted


class ApiView(generics.GenericAPIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [ScopePermission]
    throttle_classes = [AnonymousThrottle, TokenThrottle]
    renderer_classes = [JSONRenderer, ProblemJSONRenderer]
    required_scope: str | None = None
    # Set by a view to the newest change among what it answers (a datetime).
    last_modified: datetime.datetime | None = None

    def get_required_scope(self) -> str | None:
        return self.required_scope

    def get_exception_handler(self):
        return problems.exception_handler

    def initial(self, request, *args, **kwargs):
        translation.activate(language_of(request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def cheap_etag(self) -> str | None:
        """An ETag known before any query (the catalogue's version), or None."""
        return None

    def get(self, request, *args, **kwargs):
        etag = self.cheap_etag()
        if etag and _etag_matches(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response = self.answer(request, *args, **kwargs)
        if etag:
            response["ETag"] = etag
        return response

    def answer(self, request, *args, **kwargs):
        raise NotImplementedError

    def list_page(self, rows, modified: str | None = None) -> Response:
        """One page of ``rows``, serialized, with its cursor links (DRF's ListModelMixin.list).

        ``modified`` names the field whose newest value on the page is its Last-Modified.
        """
        page = self.paginate_queryset(rows)
        if modified:
            self.last_modified = newest(page, modified)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
        patch_vary_headers(response, ["Accept-Language", "Authorization"])
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
        ):
            response = self._conditional(request, response)
        return response

    def _conditional(self, request, response):
        """A strong-enough ETag from the body; 304 when the client already has it."""
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        if not response.has_header("ETag"):
            if hasattr(response, "render"):
                response.render()
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            response["ETag"] = f'W/"{digest}"'
        response["Cache-Control"] = (
            "private, no-cache" if token_of(request) else "public, max-age=60"
        )
        etag = response["ETag"]
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        not_modified = _etag_matches(request, etag)
        if not request.headers.get("If-None-Match") and since and self.last_modified:
            not_modified = int(self.last_modified.timestamp()) <= since
        if not_modified:
            headers = {
                name: response[name]
                for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language")
                if response.has_header(name)
            }
            return self._not_modified(request, headers)
        return response

    def _not_modified(self, request, headers):
        from django.http import HttpResponseNotModified

        response = HttpResponseNotModified()
        for name, value in headers.items():
            response[name] = value
        return response
