"""The shopper's and scanner's pages on a 360 × 740 phone (#19): nothing wider than the
screen, tap targets big enough, search results in the first screen.

Tap targets, the rule checked (`TARGETS` below):
- buttons, fields, selects and <summary> are at least 44 × 44 CSS px (WCAG 2.2, 2.5.5
  "Target Size (Enhanced)"); a checkbox or radio counts by its label, which toggles it;
- links are at least 44 × 44, or pass WCAG 2.2, 2.5.8 "Target Size (Minimum)": at least
  24 × 24, or a 24 px circle centred on the link meets no other target nor another small
  target's circle, or the link sits inside a sentence (the "inline" exception).
Elements hidden from everyone (no box, or off screen like the honeypot) are not targets.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives
from traceability.models import Batch

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}

TARGETS = """() => {
  const MIN = 44, SMALL = 24;
  const seen = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== "hidden" && r.right > 0 &&
      r.left < document.documentElement.clientWidth + 1 && !el.closest("[aria-hidden=true]");
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height};
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    " “" + (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30) + "”";
  const all = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary")].filter(seen);
  const target = (el) => {
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      const label = el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`));
      return label || el;
    }
    return el;
  };
  const boxes = all.map((el) => ({el, b: box(target(el))}));
  const big = (b) => b.w >= MIN - 0.5 && b.h >= MIN - 0.5;
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== "inline") return false;
    const block = el.parentElement;
    const text = (block.innerText || "").replace(el.innerText || "", "").trim();
    return text.length > 3;
  };
  const centre = (b) => [b.x + b.w / 2, b.y + b.h / 2];
  const distToBox = ([x, y], b) => Math.hypot(Math.max(b.x - x, 0, x - (b.x + b.w)), Math.max(b.y - y, 0, y - (b.y + b.h)));
  const small = boxes.filter(({b}) => b.w < SMALL - 0.5 || b.h < SMALL - 0.5);
  const spaced = (item) => boxes.every((other) => {
    if (other === item || other.el.contains(item.el) || item.el.contains(other.el)) return true;
    const c = centre(item.b);
    if (distToBox(c, other.b) < SMALL / 2) return false;
    if (small.includes(other) && Math.hypot(c[0] - centre(other.b)[0], c[1] - centre(other.b)[1]) < SMALL) return false;
    return true;
  });
  const failures = [];
  for (const item of boxes) {
    const {el, b} = item;
    if (big(b)) continue;
    const isLink = el.tagName === "A";
    if (isLink && ((b.w >= SMALL - 0.5 && b.h >= SMALL - 0.5) || inSentence(el) || spaced(item))) continue;
    failures.push(`${name(el)} ${Math.round(b.w)}×${Math.round(b.h)}`);
  }
  return failures;
}"""


WIDE = """() => [...document.querySelectorAll("body *")].filter((el) =>
  el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
  && !el.closest(".site-nav .nav")).slice(0, 5).map((el) =>
  el.tagName.toLowerCase() + "." + String(el.className).split(" ").join(".") + " "
  + Math.round(el.getBoundingClientRect().right))"""


def check_phone_page(page, label: str) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = page.evaluate(WIDE)
    assert width[0] <= width[1], f"{label}: {width[0]} px wide on a {width[1]} px screen: {wide}"
    failures = page.evaluate(TARGETS)
    assert not failures, f"{label}: targets too small: {failures}"


@pytest.fixture
def phone(browser, site_server):
    context = browser.new_context(base_url=site_server, **PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def origin_path(django_db_setup, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        return urlsplit(Batch.objects.published().order_by("pk").first().uri).path


def test_home_search_product_and_origin_pages_fit_a_phone(phone, origin_path):
    phone.goto("/")
    check_phone_page(phone, "home")

    phone.goto("/shop/search/?q=mật ong")
    first = phone.locator(".product-grid .product-card").first
    expect(first).to_be_visible()
    top = first.bounding_box()["y"]
    assert top < 740, f"the first result starts {top:.0f} px down, below the first screen"
    check_phone_page(phone, "search")
    drawer = phone.locator("details.filters-drawer")
    expect(drawer).not_to_have_attribute("open", "")
    drawer.locator("summary").click()
    check_phone_page(phone, "search, filters open")
    # A tick updates the drawer's count without reloading the page (js/filters.js).
    choice = drawer.locator(".facet__value").first
    expected = choice.locator(".facet__count").inner_text().strip("()")
    url = phone.url
    choice.locator("input").check()
    expect(drawer.locator("[data-live-count-value]")).to_have_text(expected)
    assert phone.url == url

    phone.locator(".product-card__title a").first.click()
    expect(phone.locator("#add_to_basket_form input[name=quantity]")).to_have_value("1")
    phone.locator("[data-quantity-step='1']").click()
    expect(phone.locator("#add_to_basket_form input[name=quantity]")).to_have_value("2")
    check_phone_page(phone, "product")

    phone.goto(origin_path)
    check_phone_page(phone, "origin page")


def test_other_shop_pages_fit_a_phone(phone):
    for path in ("/shop/catalogue/", "/producers/", "/tin-tuc/", "/shop/accounts/login/"):
        phone.goto(path)
        check_phone_page(phone, path)
    phone.goto("/shop/catalogue/")
    phone.locator(".site-nav .nav-link").nth(1).click()  # a sector's category page
    check_phone_page(phone, "category")
    phone.goto("/producers/")
    phone.locator("main a[href^='/producers/']").first.click()
    check_phone_page(phone, "a cooperative's page")


@pytest.fixture
def item(committed_db):
    partner = CooperativeFactory(name="HTX Điện Thoại Thử", flat_rate=30000, free_above=500000)
    yield ProductFactory(
        partner=partner, price=120000, stock=5, title="Trà shan tuyết thử điện thoại"
    )
    remove_cooperatives(partner)


def test_basket_checkout_thank_you_and_order_status_fit_a_phone(phone, item):
    phone.goto(item.get_absolute_url())
    phone.locator("#add_to_basket_form button[type=submit]").click()
    phone.goto("/shop/basket/")
    expect(phone.locator(".shipping-threshold")).to_contain_text("380.000")
    check_phone_page(phone, "basket")

    phone.goto("/shop/checkout/")
    check_phone_page(phone, "checkout")
    phone.fill("#id_email", "khach.dienthoai@example.vn")
    phone.fill("#id_name", "Nguyễn Thị Lan")
    phone.fill("#id_phone", "0987 654 321")
    phone.fill("#id_street", "5 Lê Lợi")
    phone.select_option("#id_province_code", "01")
    expect(phone.locator("#id_commune_code option[value='00070']")).to_have_count(1)
    phone.fill("#id_commune_code-search", "hoan kiem")  # the search box finds it without accents
    expect(phone.locator("#id_commune_code")).to_have_value("00070")
    phone.check("input[name=payment_method][value=bank_transfer]")
    phone.locator(".checkout-form__submit").click()

    expect(phone).to_have_url(re.compile(r"/shop/checkout/thank-you/$"))
    expect(phone.locator(".vietqr__download")).to_be_visible()
    check_phone_page(phone, "thank-you")
    order = Order.objects.get(number=phone.locator(".order-number").inner_text())

    phone.goto(order.get_status_url())
    expect(phone.locator(".vietqr__payload")).not_to_have_attribute("open", "")
    check_phone_page(phone, "order status")
    # Copying the memo puts exactly what the bank needs on the clipboard (js/copy.js).
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    memo = phone.locator(".vietqr__copyable").nth(2)
    memo.get_by_role("button").click()
    expect(memo.get_by_role("button")).to_have_text("Đã chép")
    assert phone.evaluate("navigator.clipboard.readText()") == f"OCOP {order.number}"


def test_on_a_desktop_the_filters_stand_open_beside_the_results(browser, site_server):
    context = browser.new_context(
        base_url=site_server, viewport={"width": 1366, "height": 900}, locale="vi-VN"
    )
    desktop = context.new_page()
    desktop.goto("/shop/search/?q=mật ong")
    expect(desktop.locator("details.filters-drawer")).to_have_attribute("open", "")
    box = desktop.locator(".facets").bounding_box()
    results = desktop.locator("#results").bounding_box()
    assert box["x"] + box["width"] <= results["x"] and box["y"] < results["y"] + 200
    context.close()
