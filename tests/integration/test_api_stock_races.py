"""Concurrent API writes to one stock record, with real threads: no change is lost, and one
Idempotency-Key sent by several clients at once changes stock once."""

from __future__ import annotations

import json

import pytest

from api.models import ApiToken, AuditEntry, IdempotentRequest
from tests.api_helpers import ALL_SCOPES, api_client, post
from tests.concurrency import each_at_once
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

THREADS = 6


@pytest.fixture
def stock(committed_db):
    """A cooperative's stock record (10 units) and its token, committed for every thread."""
    partner = CooperativeFactory()
    product = ProductFactory(partner=partner, stock=10)
    _token, secret = ApiToken.issue(partner, "ERP", ALL_SCOPES, partner.users.get())
    yield product.stockrecords.get(), secret
    IdempotentRequest.objects.filter(partner=partner).delete()
    AuditEntry.objects.filter(partner=partner).delete()
    ApiToken.objects.filter(partner=partner).delete()
    remove_cooperatives(partner)


def test_concurrent_stock_changes_are_all_applied(stock):
    record, secret = stock

    def add(i: int) -> int:
        body = {"items": [{"id": record.pk, "stock_change": i + 1}]}
        return post(api_client(secret), "/api/v1/me/stock/", body).status_code

    assert each_at_once(add, THREADS) == [200] * THREADS
    record.refresh_from_db()
    assert record.num_in_stock == 10 + sum(range(1, THREADS + 1))
    assert AuditEntry.objects.filter(partner=record.partner).count() == THREADS


def test_one_idempotency_key_sent_at_once_changes_stock_once(stock):
    record, secret = stock

    def add(i: int):
        body = {"items": [{"id": record.pk, "stock_change": 5}]}
        response = post(api_client(secret), "/api/v1/me/stock/", body, HTTP_IDEMPOTENCY_KEY="same")
        return response.status_code, response.json()

    results = each_at_once(add, THREADS)
    assert {status for status, _body in results} == {200}
    # One answer, replayed to the others (PostgreSQL's jsonb keeps keys in its own order).
    assert len({json.dumps(body, sort_keys=True) for _status, body in results}) == 1
    record.refresh_from_db()
    assert record.num_in_stock == 15
    assert AuditEntry.objects.filter(partner=record.partner).count() == 1
