"""Cooperatives' API tokens: made in the dashboard, hashed, scoped, revoked; who may do what."""

from __future__ import annotations

import hashlib

import pytest

from api.models import ApiToken, AuditEntry, Scope
from tests.api_helpers import api_client, post, token_for
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory
from traceability.models import LabelRun

pytestmark = pytest.mark.django_db


def partner_of(user):
    return user.partners.order_by("pk").first()


def test_a_cooperative_user_makes_a_token_and_sees_its_secret_once(coop_a_client, coop_a_user):
    producer = partner_of(coop_a_user).producer
    mine = coop_a_client.get("/dashboard/api-tokens/")
    assert mine.status_code == 302 and mine["Location"].endswith(f"/{producer.pk}/")
    response = coop_a_client.post(
        f"/dashboard/api-tokens/{producer.pk}/",
        {"name": "ERP của HTX (thử)", "scopes": ["read", "stock_price"]},
    )
    assert response.status_code == 201
    secret = response.context["secret"]
    token = ApiToken.objects.get(name="ERP của HTX (thử)")
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(token.__dict__)
    assert token.scopes == ["read", "stock_price"]
    listing = coop_a_client.get(f"/dashboard/api-tokens/{producer.pk}/")
    assert (
        "ERP của HTX (thử)" in listing.content.decode() and secret.encode() not in listing.content
    )
    me = api_client(secret).get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["cooperative"]["partner"] == token.partner_id
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_is_refused_with_401(coop_a_client, coop_a_user):
    token, secret = token_for(coop_a_user)
    producer = partner_of(coop_a_user).producer
    response = coop_a_client.post(f"/dashboard/api-tokens/{producer.pk}/{token.pk}/revoke/")
    assert response.status_code == 302
    answer = api_client(secret).get("/api/v1/me/")
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["WWW-Authenticate"] == "Bearer"


def test_unknown_tokens_are_401_and_no_token_on_a_private_endpoint_is_401(anonymous_client):
    assert api_client("ocop_not-a-token").get("/api/v1/me/").status_code == 401
    assert anonymous_client.get("/api/v1/me/").status_code == 401
    # A bad token is refused even on a public endpoint: the caller meant to use it.
    assert api_client("ocop_not-a-token").get("/api/v1/categories/").status_code == 401


def test_cooperative_b_cannot_reach_or_revoke_a_tokens_in_the_dashboard(coop_a_user, coop_b_client):
    token, _secret = token_for(coop_a_user)
    producer = partner_of(coop_a_user).producer
    assert coop_b_client.get(f"/dashboard/api-tokens/{producer.pk}/").status_code == 404
    response = coop_b_client.post(f"/dashboard/api-tokens/{producer.pk}/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_buyer_has_no_token_page(buyer_client):
    assert buyer_client.get("/dashboard/api-tokens/").status_code in (302, 403, 404)


def test_a_read_only_token_cannot_write(coop_a_user):
    _token, secret = token_for(coop_a_user, scopes=[Scope.READ])
    client = api_client(secret)
    assert client.get("/api/v1/me/stock/").status_code == 200
    response = post(client, "/api/v1/me/stock/", {"items": [{"id": 1, "price": 1000}]})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert post(client, "/api/v1/me/batches/", {}).status_code == 403
    # The attempts are audited as refused, with nothing changed.
    refused = AuditEntry.objects.filter(token__key_hash=_token.key_hash)
    assert sorted(refused.values_list("status", "object_ids")) == [(403, []), (403, [])]


def test_a_token_of_a_cannot_touch_b_objects(coop_a_user, coop_b_user):
    product_b = ProductFactory(partner=partner_of(coop_b_user))
    draft_b = BatchFactory(product=product_b, publish=False)
    record_b = product_b.stockrecords.get()
    _token, secret = token_for(coop_a_user)
    client = api_client(secret)
    assert client.get(f"/api/v1/me/batches/{draft_b.pk}/").status_code == 404
    response = post(
        client, "/api/v1/me/stock/", {"items": [{"id": record_b.pk, "num_in_stock": 0}]}
    )
    assert response.status_code == 404
    assert post(client, f"/api/v1/me/batches/{draft_b.pk}/publish/", None).status_code == 404
    event = {"type": "ObjectEvent"}
    assert post(client, f"/api/v1/me/batches/{draft_b.pk}/events/", event).status_code == 404
    runs = post(client, f"/api/v1/me/batches/{draft_b.pk}/label-runs/", {"quantity": 3})
    assert runs.status_code == 404
    run_b = LabelRun.objects.create(batch=BatchFactory(product=product_b), quantity=2)
    assert client.get(f"/api/v1/me/label-runs/{run_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/me/label-runs/{run_b.pk}/pdf/").status_code == 404
    stock = client.get("/api/v1/me/stock/", {"page_size": 200}).json()["results"]
    assert record_b.pk not in {r["id"] for r in stock}
    record_b.refresh_from_db()
    draft_b.refresh_from_db()
    assert record_b.num_in_stock == 10 and not draft_b.is_published


def test_errors_speak_vietnamese_by_default_and_english_when_asked(coop_a_user):
    _token, secret = token_for(coop_a_user)
    vi = post(api_client(secret), "/api/v1/me/stock/", {"items": []})
    en = post(api_client(secret, "en"), "/api/v1/me/stock/", {"items": []})
    assert vi.status_code == en.status_code == 400
    assert vi["Content-Language"] == "vi" and en["Content-Language"] == "en"
    assert vi.json()["errors"][0]["pointer"] == "#/items"
    assert vi.json()["detail"] != en.json()["detail"]
    assert en.json()["detail"] == "Some values are not valid: see the errors."


def test_a_token_stops_working_when_its_maker_leaves_the_cooperative():
    partner = CooperativeFactory()
    user = partner.users.get()
    _token, secret = token_for(user, partner=partner)
    assert api_client(secret).get("/api/v1/me/").status_code == 200
    partner.users.remove(user)
    assert api_client(secret).get("/api/v1/me/").status_code == 401


def test_tokens_are_throttled_per_token(coop_a_user, settings):
    settings.API_TOKEN_PER_MINUTE = 2
    _token, secret = token_for(coop_a_user)
    _other, other_secret = token_for(coop_a_user, name="Another")
    client = api_client(secret)
    assert [client.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 429]
    assert api_client(other_secret).get("/api/v1/me/").status_code == 200
