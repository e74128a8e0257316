"""A guest in a real browser: product page to a placed cash-on-delivery order, then a VietQR transfer."""

from __future__ import annotations

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests import flows
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser


@pytest.fixture
def item(committed_db):
    partner = CooperativeFactory(
        name="HTX Thử Nghiệm Trình Duyệt", flat_rate=30000, free_above=None
    )
    yield ProductFactory(partner=partner, price=120000, stock=5, title="Mật ong bạc hà thử nghiệm")
    remove_cooperatives(partner)


def fill_checkout(page, payment_method: str) -> None:
    page.goto("/shop/checkout/")
    page.fill("#id_email", "khach.trinhduyet@example.vn")
    page.fill("#id_name", "Lê Thị Hoa")
    page.fill("#id_phone", "0987 654 321")
    page.fill("#id_street", "5 Lê Lợi")
    page.select_option("#id_province_code", "01")
    # The commune list follows the province, fetched from /regions/communes/.
    expect(page.locator("#id_commune_code option[value='00070']")).to_have_count(1)
    page.select_option("#id_commune_code", "00070")
    page.check(f"input[name=payment_method][value={payment_method}]")
    page.locator(".checkout-form button[type=submit]").click()


def test_a_guest_goes_from_the_product_page_to_a_cod_order_and_then_pays_one_by_vietqr(page, item):
    page.goto(item.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").first.click()
    expect(page.locator(".basket-count")).to_have_text("1")

    fill_checkout(page, "cod")
    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/$"))
    number = page.locator(".order-number").inner_text()
    order = Order.objects.get(number=number)
    assert order.payment_method == "cod" and order.total_incl_tax == 150000
    expect(page.locator(".shipment")).to_have_count(1)
    expect(page.locator(".vietqr")).to_have_count(0)

    page.goto(item.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").first.click()
    fill_checkout(page, "bank_transfer")
    expect(page).to_have_url(re.compile(r"/shop/checkout/thank-you/$"))
    expect(page.locator(".vietqr__code svg")).to_be_visible()
    transfer = Order.objects.get(number=page.locator(".order-number").inner_text())
    expect(page.locator(".vietqr__memo")).to_have_text(f"OCOP {transfer.number}")
    assert transfer.payment_method == "bank_transfer"


@pytest.mark.django_db
def test_the_checkout_page_loads_the_script_that_filters_communes_by_province(anonymous_client):
    # (Also makes pytest-django set the test database up when this file runs alone:
    # the browser test above uses committed data, not the `db` fixture.)
    flows.add_to_basket(anonymous_client, ProductFactory(partner=CooperativeFactory()))
    page = anonymous_client.get("/shop/checkout/").content.decode()
    assert "regions/communes.js" in page and 'data-communes-url="/regions/communes/"' in page
