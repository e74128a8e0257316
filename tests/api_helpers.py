"""Tokens and clients for the open API's tests."""

from __future__ import annotations

from django.test import Client

from api.models import ApiToken, Scope

ALL_SCOPES = [Scope.READ, Scope.STOCK_PRICE, Scope.TRACEABILITY]


def token_for(user, scopes=ALL_SCOPES, partner=None, name="Phần mềm nông trại"):
    """A token of the user's (first) cooperative, and its secret."""
    partner = partner or user.partners.order_by("pk").first()
    return ApiToken.issue(partner, name, list(scopes), user)


def api_client(secret: str, language: str = "vi") -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE=language)


def post(client: Client, url: str, data, **headers):
    return client.post(url, data, content_type="application/json", **headers)
