"""A cooperative edits a draft batch and corrects a published one through the API, under the
dashboard's rules; who may call the new write endpoints, and what a refusal looks like."""

from __future__ import annotations

import pytest
from django.conf import settings

from api.models import AuditEntry, Scope
from tests.api_helpers import (
    aggregation_event,
    api_client,
    post,
    token_for,
    transformation_event,
)
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory
from traceability.models import Batch, JourneyEvent
from traceability.places import Party, Place

pytestmark = pytest.mark.django_db


def patch(client, url: str, data, **headers):
    return client.patch(url, data, content_type="application/json", **headers)


@pytest.fixture
def coop():
    partner = CooperativeFactory()
    product = ProductFactory(partner=partner)
    Place.objects.create(party=Party.for_partner(partner), kind="workshop", name="Xưởng")
    _token, secret = token_for(partner.users.get())
    return partner, product, api_client(secret)


def test_a_draft_is_edited_like_in_the_dashboard(coop):
    partner, product, client = coop
    draft = BatchFactory(product=product, publish=False, events=0)
    other_product = ProductFactory(partner=partner)
    response = patch(
        client,
        f"/api/v1/me/batches/{draft.pk}/",
        {"quantity": 250, "notes": "Lô thử nghiệm", "product": other_product.pk, "lot": "B-2"},
    )
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert (draft.quantity, draft.notes, draft.product, draft.lot) == (
        250,
        "Lô thử nghiệm",
        other_product,
        "B-2",
    )
    assert draft.origin_name == "Vùng nguyên liệu thử" and draft.status == "draft"
    assert response.json()["quantity"] == 250
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.method, entry.object_ids) == ("batch.update", "PATCH", [draft.pk])


def test_a_draft_cannot_take_another_cooperatives_product_or_a_bad_value(coop):
    _partner, product, client = coop
    draft = BatchFactory(product=product, publish=False, events=0)
    url = f"/api/v1/me/batches/{draft.pk}/"
    cases = [
        ({"product": ProductFactory().pk}, "#/product"),
        ({"expires_on": "2000-01-01"}, "#/expires_on"),
        ({"province_code": "99"}, "#/province_code"),
        ({"lot": "có dấu"}, "#/lot"),
        ({"quantity": -1}, "#/quantity"),
    ]
    for body, pointer in cases:
        response = patch(client, url, body)
        assert response.status_code == 400, (body, response.content)
        assert pointer in [e["pointer"] for e in response.json()["errors"]], response.json()
    before = Batch.objects.get(pk=draft.pk)
    assert (before.product, before.quantity, before.lot) == (product, 500, draft.lot)


def test_a_published_batch_changes_only_its_notes(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    url = f"/api/v1/me/batches/{batch.pk}/"
    assert patch(client, url, {"notes": "Bảo quản nơi khô ráo"}).status_code == 200
    frozen = patch(client, url, {"quantity": 10, "notes": "khác"})
    assert frozen.status_code == 400
    assert [e["pointer"] for e in frozen.json()["errors"]] == ["#/quantity"]
    batch.refresh_from_db()
    assert (batch.quantity, batch.notes) == (500, "Bảo quản nơi khô ráo")


def test_a_published_batch_is_corrected_with_a_reason_shown_on_its_origin_page(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    url = f"/api/v1/me/batches/{batch.pk}/corrections/"
    reason = "Đếm lại trong kho: 480 hộp"
    response = post(client, url, {"quantity": 480, "reason": reason})
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["changes"] == [{"field": "quantity", "old": 500, "new": 480}]
    assert answer["reason"] == reason and answer["batch"] == batch.pk
    assert answer["errorDeclaration"]["reason"] == "incorrect_data"
    batch.refresh_from_db()
    assert batch.quantity == 480
    correction = JourneyEvent.objects.get(batch=batch, kind="correction")
    assert correction.pk == answer["id"]
    page = client.get(batch.code_uri().removeprefix(settings.TRACE_BASE_URL))
    assert reason in page.content.decode()
    export = client.get(f"/api/v1/batches/{batch.pk}/epcis/").json()["epcisBody"]["eventList"]
    assert export[0]["quantityList"][0]["quantity"] == 480
    entry = AuditEntry.objects.get()
    assert entry.action == "batch.correct" and entry.object_ids == [batch.pk, correction.pk]


def test_corrections_that_do_not_fit_are_refused_and_change_nothing(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    url = f"/api/v1/me/batches/{batch.pk}/corrections/"
    cases = [
        ({"quantity": 480}, "#/reason"),
        ({"quantity": 480, "reason": "   "}, "#/reason"),
        ({"quantity": 500, "reason": "Không đổi gì"}, "#"),
        ({"expires_on": "2000-01-01", "reason": "Sai hạn"}, "#/expires_on"),
        ({"province_code": "99", "reason": "Sai tỉnh"}, "#/province_code"),
        ({"lot": "KHAC", "reason": "Đổi mã lô"}, "#"),
    ]
    for body, pointer in cases:
        response = post(client, url, body)
        assert response.status_code == 400, (body, response.content)
        assert pointer in [e["pointer"] for e in response.json()["errors"]], response.json()
    draft = BatchFactory(product=product, publish=False)
    response = post(
        client, f"/api/v1/me/batches/{draft.pk}/corrections/", cases[0][0] | {"reason": "x"}
    )
    assert response.status_code == 409
    batch.refresh_from_db()
    assert batch.quantity == 500 and batch.lot != "KHAC"
    assert not JourneyEvent.objects.filter(batch__in=[batch, draft], kind="correction").exists()


def test_edits_and_corrections_sent_twice_with_one_key_are_made_once(coop):
    _partner, product, client = coop
    batch = BatchFactory(product=product, events=1)
    url = f"/api/v1/me/batches/{batch.pk}/corrections/"
    body = {"quantity": 480, "reason": "Đếm lại"}
    first = post(client, url, body, HTTP_IDEMPOTENCY_KEY="fix-1")
    again = post(client, url, body, HTTP_IDEMPOTENCY_KEY="fix-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert batch.events.filter(kind="correction").count() == 1
    draft = BatchFactory(product=product, publish=False)
    edit = {"quantity": 7}
    first = patch(client, f"/api/v1/me/batches/{draft.pk}/", edit, HTTP_IDEMPOTENCY_KEY="ed-1")
    again = patch(client, f"/api/v1/me/batches/{draft.pk}/", edit, HTTP_IDEMPOTENCY_KEY="ed-1")
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert AuditEntry.objects.filter(status__lt=400).count() == 2


# The permission matrix of the endpoints above and of the processing and packing steps.


WRITES = {
    "edit": ("patch", "/api/v1/me/batches/{pk}/", lambda b: {"notes": "Ghi chú mới"}),
    "correct": (
        "post",
        "/api/v1/me/batches/{pk}/corrections/",
        lambda b: {"quantity": 1, "reason": "Sai số lượng"},
    ),
    "processing": (
        "post",
        "/api/v1/me/batches/{pk}/events/",
        lambda b: transformation_event(b, [b]),
    ),
    "packing": ("post", "/api/v1/me/batches/{pk}/events/", aggregation_event),
}


def send(client, write: str, batch):
    method, url, body = WRITES[write]
    return getattr(client, method)(
        url.format(pk=batch.pk), body(batch), content_type="application/json"
    )


def unchanged(batch) -> bool:
    stored = Batch.objects.get(pk=batch.pk)
    return (
        stored.notes == batch.notes
        and stored.quantity == batch.quantity
        and stored.events.count() == 1
    )


@pytest.mark.parametrize("write", sorted(WRITES))
def test_the_new_writes_permission_matrix(write, coop_a_user, coop_b_user):
    product_b = ProductFactory(partner=coop_b_user.partners.order_by("pk").first())
    batch_b = BatchFactory(product=product_b, events=1)
    product_a = ProductFactory(partner=coop_a_user.partners.order_by("pk").first())
    batch_a = BatchFactory(product=product_a, events=1)
    Place.objects.create(party=Party.for_partner(batch_a.partner), kind="shop", name="Cửa hàng")
    # Cooperative A's token, all scopes, on B's batch: not found.
    _token, secret = token_for(coop_a_user)
    answer = send(api_client(secret), write, batch_b)
    assert answer.status_code == 404 and answer["Content-Type"] == "application/problem+json"
    # A read-only token on A's own batch: forbidden.
    _read, read_secret = token_for(coop_a_user, scopes=[Scope.READ], name="Chỉ đọc")
    assert send(api_client(read_secret), write, batch_a).status_code == 403
    # Stock and prices is not traceability either.
    _stock, stock_secret = token_for(coop_a_user, scopes=[Scope.STOCK_PRICE], name="Kho")
    assert send(api_client(stock_secret), write, batch_a).status_code == 403
    # A revoked token: refused before anything else.
    revoked, revoked_secret = token_for(coop_a_user, name="Cũ")
    revoked.revoke(coop_a_user)
    answer = send(api_client(revoked_secret), write, batch_a)
    assert answer.status_code == 401 and answer["WWW-Authenticate"] == "Bearer"
    assert unchanged(batch_a) and unchanged(batch_b)
    # Each refused attempt by a valid token is audited, with nothing changed.
    refused = AuditEntry.objects.filter(partner=batch_a.partner)
    assert sorted(refused.values_list("status", flat=True)) == [403, 403, 404]
    assert all(entry.object_ids == [] for entry in refused)


@pytest.mark.parametrize("write", sorted(WRITES))
def test_bad_input_to_the_new_writes_is_a_problem_in_vietnamese_or_english(write, coop):
    partner, product, _client = coop
    batch = BatchFactory(product=product, events=1)
    _token, secret = token_for(partner.users.get(), name="Ngôn ngữ")
    method, url, _body = WRITES[write]
    bad = {"type": "TransformationEvent"} if "events" in url else {"quantity": "nhiều"}
    answers = {
        language: getattr(api_client(secret, language), method)(
            url.format(pk=batch.pk), bad, content_type="application/json"
        )
        for language in ("vi", "en")
    }
    for language, answer in answers.items():
        assert answer.status_code == 400
        assert answer["Content-Type"] == "application/problem+json"
        assert answer["Content-Language"] == language
        assert answer.json()["errors"] and all(e["pointer"] for e in answer.json()["errors"])
    vi, en = (answers[lang].json() for lang in ("vi", "en"))
    assert vi["detail"] != en["detail"]
    assert en["detail"] == "Some values are not valid: see the errors."
    assert [e["pointer"] for e in vi["errors"]] == [e["pointer"] for e in en["errors"]]
    assert {e["detail"] for e in vi["errors"]} != {e["detail"] for e in en["errors"]}
    assert unchanged(batch)
