"""A shopper's phone opens a scanned code: a light page, readable without JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from traceability.models import Attachment, Batch, Scan

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
BUDGET = 100 * 1024  # bytes on first load: HTML, CSS, images

pytestmark = pytest.mark.browser


def demo_batch_query():
    return (
        Batch.objects.published()
        .filter(attachments__kind=Attachment.Kind.PHOTO)
        .select_related("product")
    )


@pytest.fixture(scope="module")
def demo_path(django_db_setup, django_db_blocker) -> str:
    """A published demo batch with a photo in its journey: the heaviest kind of origin page."""
    with django_db_blocker.unblock():
        return urlsplit(demo_batch_query().first().uri).path


def open_page(browser, site_server, **options):
    context = browser.new_context(base_url=site_server, **{**PHONE, **options})
    return context, context.new_page()


def test_the_first_load_of_an_origin_page_stays_under_100_kb(browser, site_server, demo_path):
    context, page = open_page(browser, site_server, locale="vi-VN")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    transfers: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: transfers.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(demo_path)
    page.wait_for_load_state("networkidle")
    total = sum(transfers.values())
    print(f"origin page first load: {total} bytes in {len(transfers)} responses")
    assert 0 < total < BUDGET, {urls.get(k, k): v for k, v in transfers.items()}
    # The product photo is there, and sized for a phone rather than the 600 px original.
    natural = page.locator(".product img").evaluate("img => [img.complete, img.naturalWidth]")
    assert natural[0] and 0 < natural[1] <= 224
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#verdict")).to_contain_text("Mã chính hãng")
    context.close()


def test_it_reads_fully_without_javascript(browser, site_server, demo_path):
    context, page = open_page(browser, site_server, locale="vi-VN", java_script_enabled=False)
    page.goto(demo_path)
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".timeline li").first).to_be_visible()
    expect(page.get_by_role("link", name="Mua sản phẩm này")).to_be_visible()
    expect(page.locator("#locate")).to_be_hidden()  # the location button needs script, so it hides
    page.get_by_role("link", name="English").click()  # a plain link
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#verdict")).to_contain_text("Genuine code")
    context.close()


def test_an_english_phone_gets_english(browser, site_server, demo_path):
    context, page = open_page(browser, site_server, locale="en-US")
    page.goto(demo_path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Journey")).to_be_visible()
    context.close()


def test_sharing_a_location_records_it_coarsely(browser, site_server, demo_path, django_db_blocker):
    context, page = open_page(
        browser, site_server, locale="vi-VN", permissions=["geolocation"],
        geolocation={"latitude": 16.06778, "longitude": 108.22083},  # Đà Nẵng
    )  # fmt: skip
    page.goto(demo_path)
    page.get_by_role("button", name="Chia sẻ vị trí gần đúng").click()
    expect(page.locator("#locate [role=status]")).to_contain_text("Cảm ơn bạn")
    with django_db_blocker.unblock():
        scan = Scan.objects.filter(latitude__isnull=False).latest("pk")
        assert (str(scan.latitude), str(scan.longitude)) == ("16.1", "108.2")
    context.close()


def test_an_unknown_code_shows_the_counterfeit_page_with_its_report_form(browser, site_server):
    context, page = open_page(browser, site_server, locale="vi-VN")
    response = page.goto("/01/08931000000099/10/FAKE")
    assert response.status == 404
    expect(page.locator(".verdict")).to_contain_text("Mã này chưa được đăng ký trên sàn")
    page.get_by_label("Bạn mua sản phẩm ở đâu?").fill("Chợ Bến Thành")
    page.locator("textarea[name=message]").fill("Mã QR dán đè lên nhãn khác")  # required
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.locator(".verdict")).to_contain_text("Cảm ơn bạn đã phản ánh")
    context.close()


@pytest.mark.django_db
def test_the_demo_has_a_batch_with_a_journey_photo():
    # Marked for the database, this also has pytest-django prepare it when the module runs alone.
    assert demo_batch_query().exists()
