"""The fair booth form on a phone and a desktop: the product checkboxes stay above the contact
fields instead of running over them (they sat in a box one text input high)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cms.models import EventPage
from tests.personas import COOPERATIVE_A, COOPERATIVE_PASSWORD

pytestmark = pytest.mark.browser

SIZES = [{"width": 412, "height": 915}, {"width": 1366, "height": 900}]


@pytest.fixture(scope="module")
def register_path(django_db_setup, django_db_blocker) -> str:
    """The next demo fair's application page (the demo registers no booth there)."""
    with django_db_blocker.unblock():
        event = (
            EventPage.objects.live()
            .filter(start_date__gte=timezone.localdate())
            .order_by("start_date")
            .first()
        )
        return event.url + "register/"


@pytest.mark.parametrize("viewport", SIZES, ids=["phone", "desktop"])
def test_the_product_list_ends_above_the_contact_fields(
    browser, site_server, register_path, viewport
):
    context = browser.new_context(base_url=site_server, locale="vi-VN", viewport=viewport)
    page = context.new_page()
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", COOPERATIVE_A["email"])
    page.fill("#id_login-password", COOPERATIVE_PASSWORD)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()
    page.goto(register_path)
    boxes = page.locator(".booth-products .form-check")
    assert boxes.count() >= 1
    fieldset = page.locator(".booth-products").bounding_box()
    last = boxes.nth(boxes.count() - 1).bounding_box()
    contact = page.locator("#id_contact_name").bounding_box()
    assert last["y"] + last["height"] <= fieldset["y"] + fieldset["height"]
    assert fieldset["y"] + fieldset["height"] <= contact["y"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("document.documentElement.clientWidth")
    context.close()
