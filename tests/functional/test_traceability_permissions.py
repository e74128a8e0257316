"""Cooperative A never sees, changes or prints cooperative B's batches; staff see every one."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory
from traceability.models import Batch, JourneyEvent, LabelRun, Serial
from traceability.serials import FlagReview

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")


@pytest.fixture
def batch_of_b(coop_b_user):
    partner = Partner.objects.get(users=coop_b_user)
    batch = BatchFactory(product=ProductFactory(partner=partner), lot="B-ONLY-1")
    Serial.issue(batch, 2)
    return batch


@pytest.fixture
def draft_of_b(coop_b_user):
    partner = Partner.objects.get(users=coop_b_user)
    return BatchFactory(product=ProductFactory(partner=partner), lot="B-DRAFT-1", publish=False)


@pytest.fixture
def run_of_b(batch_of_b):
    return LabelRun.objects.create(
        batch=batch_of_b, serialised=True, quantity=2, status=LabelRun.Status.DONE
    )


def object_urls(batch: Batch, draft: Batch, run: LabelRun) -> list[tuple[str, str, dict]]:
    serial = batch.serials.first()
    event = draft.events.first()
    base = "/dashboard/traceability"
    return [
        ("get", f"{base}/batches/{batch.pk}/", {}),
        ("get", f"{base}/batches/{batch.pk}/edit/", {}),
        ("post", f"{base}/batches/{batch.pk}/edit/", {"lot": "STOLEN", "quantity": 1}),
        ("get", f"{base}/batches/{batch.pk}/correct/", {}),
        ("post", f"{base}/batches/{batch.pk}/correct/", {"quantity": 1, "reason": "x"}),
        ("get", f"{base}/flags/{serial.pk}/", {}),
        ("post", f"{base}/flags/{serial.pk}/", {"action": "flagged", "reason": "x"}),
        ("post", f"{base}/batches/{draft.pk}/publish/", {}),
        ("get", f"{base}/batches/{batch.pk}/events/new/", {}),
        ("post", f"{base}/batches/{batch.pk}/events/new/", {"kind": "harvest", "occurred_at": "2025-01-01T08:00", "place": "x", "actor": "y"}),
        ("get", f"{base}/batches/{draft.pk}/events/{event.pk}/edit/", {}),
        ("post", f"{base}/batches/{draft.pk}/events/{event.pk}/delete/", {}),
        ("get", f"{base}/batches/{batch.pk}/files/new/", {}),
        ("get", f"{base}/batches/{batch.pk}/labels/", {}),
        ("post", f"{base}/batches/{batch.pk}/labels/", {"quantity": 24, "columns": 3, "rows": 8}),
        ("get", f"{base}/batches/{batch.pk}/qr.png", {}),
        ("get", f"{base}/batches/{batch.pk}/qr.svg?serial={serial.code}", {}),
        ("get", f"{base}/runs/{run.pk}/", {}),
        ("get", f"{base}/runs/{run.pk}/status.json", {}),
        ("get", f"{base}/runs/{run.pk}/download/", {}),
        ("get", f"{base}/runs/{run.pk}/serials.csv", {}),
    ]  # fmt: skip


def test_another_cooperative_gets_404_on_every_object_url_and_nothing_changes(
    coop_a_client, batch_of_b, draft_of_b, run_of_b
):
    before = (
        batch_of_b.lot,
        draft_of_b.status,
        JourneyEvent.objects.count(),
        LabelRun.objects.count(),
        FlagReview.objects.count(),
    )
    for method, url, data in object_urls(batch_of_b, draft_of_b, run_of_b):
        response = getattr(coop_a_client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    batch_of_b.refresh_from_db()
    draft_of_b.refresh_from_db()
    assert (
        batch_of_b.lot,
        draft_of_b.status,
        JourneyEvent.objects.count(),
        LabelRun.objects.count(),
        FlagReview.objects.count(),
    ) == before


def test_the_owner_reaches_every_object_url(coop_b_client, batch_of_b, draft_of_b, run_of_b):
    for method, url, _data in object_urls(batch_of_b, draft_of_b, run_of_b):
        if method == "get" and not url.endswith("/download/"):
            assert coop_b_client.get(url).status_code == 200, url


def test_staff_reach_every_cooperatives_batches(staff_client, batch_of_b, draft_of_b, run_of_b):
    for method, url, _data in object_urls(batch_of_b, draft_of_b, run_of_b):
        if method == "get" and not url.endswith("/download/"):
            assert staff_client.get(url).status_code == 200, url


def test_lists_show_a_cooperative_only_its_own_batches_and_flags(coop_a_client, batch_of_b):
    batch_of_b.serials.first().raise_flag(Serial.Flag.TOO_MANY_SCANS)
    html = coop_a_client.get("/dashboard/traceability/").content.decode()
    assert "B-ONLY-1" not in html
    assert (
        batch_of_b.serials.first().code
        not in coop_a_client.get("/dashboard/traceability/flags/").content.decode()
    )


def test_staff_see_every_flag(staff_client, batch_of_b):
    serial = batch_of_b.serials.first()
    serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    assert serial.code in staff_client.get("/dashboard/traceability/flags/").content.decode()


def test_a_cooperative_cannot_register_a_batch_of_another_cooperatives_product(
    coop_a_client, coop_b_user
):
    product = ProductFactory(partner=Partner.objects.get(users=coop_b_user))
    response = coop_a_client.post(
        "/dashboard/traceability/batches/new/",
        {"product": product.pk, "lot": "SNEAK-1", "produced_on": "2025-07-01", "quantity": 5, "origin_name": "x", "province_code": "01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "product" in response.context["form"].errors
    assert not Batch.objects.filter(lot="SNEAK-1").exists()


def test_counterfeit_reports_are_for_staff_only(coop_a_client, staff_client):
    assert coop_a_client.get("/dashboard/traceability/reports/").status_code == 403
    assert staff_client.get("/dashboard/traceability/reports/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(anonymous_client, batch_of_b):
    for url in ["/dashboard/traceability/", f"/dashboard/traceability/batches/{batch_of_b.pk}/"]:
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_shopper_without_dashboard_access_is_refused(buyer_client, batch_of_b):
    assert buyer_client.get(f"/dashboard/traceability/batches/{batch_of_b.pk}/").status_code in (
        302,
        403,
    )
