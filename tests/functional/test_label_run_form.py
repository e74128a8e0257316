"""A cooperative chooses a label layout, with its preview, in the label-run form; bad choices
are form errors in Vietnamese and English, and nothing is made."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory
from traceability import label_layouts
from traceability.models import LabelRun

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
BASE = "/dashboard/traceability"


@pytest.fixture
def batch(coop_a_user):
    partner = Partner.objects.get(users=coop_a_user)
    return BatchFactory(product=ProductFactory(partner=partner), lot="LAYOUT-1")


def post(client, batch, language="vi", **data):
    form = {"layout": "a4-3x8", "quantity": 24, **data}
    return client.post(f"{BASE}/batches/{batch.pk}/labels/", form, HTTP_ACCEPT_LANGUAGE=language)


def test_the_form_offers_every_layout_with_its_preview(coop_a_client, batch):
    page = coop_a_client.get(f"{BASE}/batches/{batch.pk}/labels/").content.decode()
    for key, layout in label_layouts.layouts().items():
        preview = f"{BASE}/label-layouts/{key}.svg"
        assert f'value="{key}"' in page and f'src="{preview}"' in page
        assert label_layouts.describe(layout) in page
        response = coop_a_client.get(preview)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        svg = response.content.decode()
        assert svg.startswith("<svg") and "<script" not in svg
        assert svg.count('fill="#212529"') == layout.per_page  # one code drawn per label
    assert re.search(r'value="a4-3x8"[^>]*checked', page)
    assert "<script>" not in page and " onclick=" not in page
    assert "Tờ A4: 3 × 8 tem cỡ 70 × 37 mm" in page  # Vietnamese by default


def test_an_unknown_layout_preview_is_a_404_and_strangers_get_none(coop_a_client, batch):
    assert coop_a_client.get(f"{BASE}/label-layouts/a4-99x99.svg").status_code == 404
    response = Client().get(f"{BASE}/label-layouts/a4-3x8.svg")
    assert response.status_code in (302, 403) and b"<svg" not in response.content


def test_the_chosen_layout_and_options_are_kept_on_the_run(coop_a_client, batch):
    response = post(coop_a_client, batch, layout="a4-4x10", plain_paper="on", scale_note="on")
    run = LabelRun.objects.get(batch=batch)
    assert response.status_code == 302 and response["Location"].endswith(f"/runs/{run.pk}/")
    assert (run.layout, run.plain_paper, run.scale_note, run.quantity) == (
        "a4-4x10",
        True,
        True,
        24,
    )
    detail = coop_a_client.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "Tờ A4: 4 × 10 tem" in detail and "Giấy thường, có dấu cắt" in detail


def test_a_form_without_a_layout_gets_the_default_sheet(coop_a_client, batch):
    coop_a_client.post(f"{BASE}/batches/{batch.pk}/labels/", {"quantity": 5})
    assert LabelRun.objects.get(batch=batch).layout == label_layouts.DEFAULT


@pytest.mark.parametrize(
    "data, field, vi, en",
    [
        (
            {"layout": "a4-99x99"},
            "layout",
            "Hãy chọn một trong các khổ tem có trong danh sách.",
            "Choose one of the label layouts listed.",
        ),
        (
            {"quantity": 10001},
            "quantity",
            "Mỗi đợt in từ 1 đến 10000 tem.",
            "Between 1 and 10000 labels a run.",
        ),
        (
            {"layout": "roll-40x25", "plain_paper": "on"},
            "plain_paper",
            "Cuộn tem nhiệt in mỗi trang một tem",
            "A thermal roll prints one label a page",
        ),
    ],
)
def test_bad_choices_are_form_errors_in_both_languages_and_nothing_is_made(
    coop_a_client, batch, data, field, vi, en
):
    for language, message in (("vi", vi), ("en", en)):
        response = post(coop_a_client, batch, language=language, **data)
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert message in response.content.decode()
    assert not LabelRun.objects.filter(batch=batch).exists()


def test_staff_see_and_filter_runs_by_layout_in_the_admin(staff_client, batch):
    LabelRun.objects.create(batch=batch, quantity=3, layout="roll-50x30")
    LabelRun.objects.create(batch=batch, quantity=4, layout="a4-2x7", plain_paper=True)
    page = staff_client.get("/django-admin/traceability/labelrun/?layout=roll-50x30")
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1
    assert "roll-50x30" in page.content.decode()
