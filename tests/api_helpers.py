"""Tokens and clients for the open API's tests."""

from __future__ import annotations

from django.test import Client

from api.models import ApiToken, Scope
from traceability import epcis

ALL_SCOPES = [Scope.READ, Scope.STOCK_PRICE, Scope.TRACEABILITY]


def token_for(user, scopes=ALL_SCOPES, partner=None, name="Phần mềm nông trại"):
    """A token of the user's (first) cooperative, and its secret."""
    partner = partner or user.partners.order_by("pk").first()
    return ApiToken.issue(partner, name, list(scopes), user)


def api_client(secret: str, language: str = "vi") -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE=language)


def post(client: Client, url: str, data, **headers):
    return client.post(url, data, content_type="application/json", **headers)


def _where_and_who(place, step: str, where: str, who: str, what: str) -> dict:
    where_id = {"id": place.uri()} if place is not None else None
    return {
        **({"bizLocation": where_id, "readPoint": where_id} if where_id else {}),
        "ocop:step": step,
        "ocop:place": where,
        "ocop:actor": who,
        "ocop:description": what,
    }


def transformation_event(batch, inputs, place=None, **extra) -> dict:
    """A processing step of ``batch`` made from the lots ``inputs``, as EPCIS 2.0 JSON-LD."""
    return {
        "type": "TransformationEvent",
        "eventTime": "2026-11-21T09:00:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "bizStep": "creating_class_instance",
        "disposition": "active",
        "inputQuantityList": [{"epcClass": epcis.lot_class_uri(b)} for b in inputs],
        "outputQuantityList": [{"epcClass": epcis.lot_class_uri(batch), "quantity": 500}],
        **_where_and_who(
            place, "processing", "Xưởng chế biến, lò sao chè", "Tổ chế biến", "Sao chè búp tươi"
        ),
        **extra,
    }


def aggregation_event(batch, place=None, **extra) -> dict:
    """A packing step of ``batch`` into one shipping unit, as EPCIS 2.0 JSON-LD."""
    return {
        "type": "AggregationEvent",
        "eventTime": "2026-11-22T15:00:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "action": "ADD",
        "bizStep": "packing",
        "disposition": "container_closed",
        "childQuantityList": [{"epcClass": epcis.lot_class_uri(batch), "quantity": 500}],
        **_where_and_who(
            place, "packing", "Xưởng chế biến, khu đóng thùng", "Tổ đóng gói", "20 thùng một pallet"
        ),
        **extra,
    }
