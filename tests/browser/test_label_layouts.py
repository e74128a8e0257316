"""A cooperative picks a label layout in Chromium: every preview is drawn, a preview is a
click target for its choice, and a bad combination comes back as a form error; no script is
refused by the policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.personas import COOPERATIVE_A, COOPERATIVE_PASSWORD
from traceability import label_layouts
from traceability.models import Batch, LabelRun

pytestmark = pytest.mark.browser

CSP = "Content Security Policy"


@pytest.fixture(scope="module")
def batch_pk(django_db_setup, django_db_blocker) -> int:
    """A published demo batch of cooperative A."""
    with django_db_blocker.unblock():
        batch = (
            Batch.objects.published()
            .filter(product__stockrecords__partner__users__email=COOPERATIVE_A["email"])
            .first()
        )
        return batch.pk


def log_in(page) -> None:
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", COOPERATIVE_A["email"])
    page.fill("#id_login-password", COOPERATIVE_PASSWORD)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_the_layout_previews_show_and_a_bad_choice_is_refused(page, batch_pk, django_db_blocker):
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if CSP in msg.text else None)
    log_in(page)
    page.goto(f"/dashboard/traceability/batches/{batch_pk}/labels/")
    previews = page.locator("#label-layouts img")
    expect(previews).to_have_count(len(label_layouts.layouts()))
    for index in range(previews.count()):
        image = previews.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")
    expect(page.locator("input[name=layout][value=a4-3x8]")).to_be_checked()

    # The drawing is part of the choice's label: clicking it picks the thermal roll.
    page.locator("img[src$='/roll-40x25.svg']").click()
    expect(page.locator("input[name=layout][value=roll-40x25]")).to_be_checked()
    page.locator("input[name=plain_paper]").check()
    with django_db_blocker.unblock():
        before = LabelRun.objects.filter(batch_id=batch_pk).count()
    page.locator("button[type=submit].btn-primary").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Cuộn tem nhiệt")
    expect(page.locator("input[name=layout][value=roll-40x25]")).to_be_checked()
    with django_db_blocker.unblock():
        assert LabelRun.objects.filter(batch_id=batch_pk).count() == before
    assert violations == []
