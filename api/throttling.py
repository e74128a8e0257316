"""Requests a minute, counted in the project's cache: anonymous visitors by address, tokens by token."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from lib.http import client_ip

from .tokens import token_of


class AnonymousThrottle(SimpleRateThrottle):
    scope = "api-anon"

    def get_rate(self) -> str:
        return f"{settings.API_ANON_PER_MINUTE}/min"

    def get_cache_key(self, request, view):
        if token_of(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class TokenThrottle(SimpleRateThrottle):
    scope = "api-token"

    def get_rate(self) -> str:
        return f"{settings.API_TOKEN_PER_MINUTE}/min"

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
