"""The shop on a phone (#19): results before filters, a checkout that helps, shipping per
cooperative with its free-shipping threshold, a product page with quantity, origin and the
OCOP parts explained, and a sign-in that returns the buyer where they were."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from tests import flows
from tests.factories import BatchFactory, CooperativeFactory, ProductFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


# Listing: a drawer of filters with the count, then the results.


def test_the_search_page_puts_a_closed_filter_drawer_with_the_count_before_the_results(client):
    html = client.get("/shop/search/?q=mật ong").content.decode()
    drawer = between(html, '<details class="filters-drawer"', "</summary>")
    count = int(re.search(r'data-result-count="(\d+)"', drawer).group(1))
    assert count > 0 and f"{count} sản phẩm" in drawer
    assert (
        " open" not in drawer.split(">", 1)[0]
    )  # closed until js/filters.js opens it on wide screens
    assert html.index("filters-drawer") < html.index('id="results"') < html.index("product-grid")
    assert "js/filters.js" in html


def test_a_filter_choice_reloads_to_the_results_not_the_top_of_the_page(client):
    html = client.get("/shop/search/?q=mật ong").content.decode()
    form = between(html, '<form method="get" class="facets"', ">")
    assert 'action="#results"' in form and "data-live-count" in form
    assert "Xem kết quả (" in html  # the drawer's own button, with the count the ticks give


# Checkout: summary before the button, autofill names, errors on the fields.


@pytest.fixture
def basket_client(client):
    cooperative = CooperativeFactory(flat_rate=30000, free_above=500000)
    flows.add_to_basket(client, ProductFactory(partner=cooperative, price=120000), 2)
    return client


def test_the_checkout_shows_the_order_summary_before_the_place_order_button(basket_client):
    html = basket_client.get("/shop/checkout/").content.decode()
    form = between(html, 'class="checkout-form', "</form>")
    assert form.index("checkout-summary") < form.index("checkout-form__submit")


def test_the_checkout_fields_tell_the_browser_what_to_fill_in(basket_client):
    html = basket_client.get("/shop/checkout/").content.decode()
    for field, hint in [
        ("email", "email"),
        ("name", "shipping name"),
        ("phone", "shipping tel"),
        ("street", "shipping address-line1"),
        ("province_code", "shipping address-level1"),
        ("commune_code", "shipping address-level2"),
    ]:
        tag = re.search(rf'<(input|select)[^>]*name="{field}"[^>]*>', html).group(0)
        assert f'autocomplete="{hint}"' in tag, tag
    assert re.search(r'<input[^>]*type="tel"[^>]*name="phone"', html)


def test_a_wrong_checkout_marks_each_field_in_error_with_its_message_beside_it(basket_client):
    response = flows.checkout(basket_client, phone="12", street="")
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("phone", "street"):
        tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag and "is-invalid" in tag
        assert f'aria-describedby="id_{field}-error"' in tag
        assert f'id="id_{field}-error"' in html
    name = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    assert "aria-invalid" not in name


def test_the_commune_list_can_be_searched(basket_client):
    html = basket_client.get("/shop/checkout/").content.decode()
    select = re.search(r'<select[^>]*name="commune_code"[^>]*>', html).group(0)
    assert 'data-search-label="' in select and "regions/communes.js" in html


# Shipping, cooperative by cooperative, with how far each is from free shipping.


def test_the_basket_and_checkout_show_each_cooperatives_shipping_and_its_threshold(client):
    near = CooperativeFactory(name="HTX Gần Miễn Phí", flat_rate=30000, free_above=500000)
    free = CooperativeFactory(name="HTX Đã Miễn Phí", flat_rate=25000, free_above=100000)
    flows.add_to_basket(client, ProductFactory(partner=near, price=120000), 2)
    flows.add_to_basket(client, ProductFactory(partner=free, price=150000), 1)
    for path in ("/shop/basket/", "/shop/checkout/"):
        html = client.get(path).content.decode()
        near_part = between(
            html, f'data-partner="{near.code}"', "</tr>" if "basket" in path else "</div>"
        )
        assert "30.000" in near_part and "260.000" in near_part and "500.000" in near_part, path
        free_part = between(
            html, f'data-partner="{free.code}"', "</tr>" if "basket" in path else "</div>"
        )
        assert "Miễn phí" in free_part and "100.000" in free_part, path


# Product page.


def test_the_product_page_lets_the_buyer_choose_a_quantity(client):
    product = ProductFactory(stock=7)
    html = client.get(product.get_absolute_url()).content.decode()
    form = between(html, 'id="add_to_basket_form"', "</form>")
    assert re.search(r'<input type="number" name="quantity"[^>]*min="1" max="7"', form)
    assert 'data-quantity-step="-1"' in form and 'data-quantity-step="1"' in form
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 3})
    assert flows.basket_of(client).num_items == 3


def test_the_product_page_links_to_its_latest_published_origin_page(client):
    product = ProductFactory()
    last_year = timezone.localdate() - datetime.timedelta(days=365)
    BatchFactory(product=product, lot="CU-1", produced_on=last_year)
    latest = BatchFactory(product=product, lot="MOI-2")
    BatchFactory(product=product, lot="NHAP-3", publish=False)
    html = client.get(product.get_absolute_url()).content.decode()
    link = between(html, 'class="product-origin-link"', "</a>")
    assert f'href="{latest.code_uri()}?via=shop"' in link


def test_a_product_without_a_published_batch_has_no_origin_link(client):
    product = ProductFactory()
    BatchFactory(product=product, publish=False)
    assert "product-origin-link" not in client.get(product.get_absolute_url()).content.decode()


def test_a_batch_published_shows_on_the_cached_product_page_at_once():
    product = ProductFactory()
    batch = BatchFactory(product=product, publish=False)
    Client().get(product.get_absolute_url())
    assert Client().get(product.get_absolute_url())["X-Page-Cache"] == "hit"
    batch.publish()
    html = Client().get(product.get_absolute_url()).content.decode()
    assert f'href="{batch.code_uri()}?via=shop"' in html


def test_the_product_page_explains_the_ocop_score_parts(client):
    product = ProductFactory(rated=True)
    html = client.get(product.get_absolute_url()).content.decode()
    details = between(html, '<details class="ocop-parts">', "</details>")
    assert "Phần A, B và C nghĩa là gì?" in details
    for code, name in [
        ("A", "Sản phẩm và sức mạnh cộng đồng"),
        ("B", "Khả năng tiếp thị và câu chuyện sản phẩm"),
        ("C", "Chất lượng sản phẩm"),
    ]:
        assert f"Phần {code}: {name}" in details
    assert "Tối đa 40 điểm." in details and "90 điểm trở lên: 5 sao" in details


# Signing in returns the buyer where they were.


def test_the_login_link_remembers_the_page_and_signing_in_returns_there(buyer):
    product = ProductFactory()
    client = Client()
    html = client.get(product.get_absolute_url()).content.decode()
    login = re.search(r'href="(/shop/accounts/login/\?next=[^"]+)"', html).group(1)
    form = client.get(login.replace("&amp;", "&")).content.decode()
    assert f'value="{product.get_absolute_url()}"' in form
    buyer.set_password("mat-khau-thu-1")
    buyer.save()
    response = client.post(
        "/shop/accounts/login/",
        {
            "login-username": buyer.email,
            "login-password": "mat-khau-thu-1",
            "login-redirect_url": product.get_absolute_url(),
            "login_submit": "1",
        },
    )
    assert response.status_code == 302 and response["Location"] == product.get_absolute_url()


def test_a_login_link_never_sends_the_buyer_off_the_site(buyer):
    buyer.set_password("mat-khau-thu-1")
    buyer.save()
    response = Client().post(
        "/shop/accounts/login/",
        {
            "login-username": buyer.email,
            "login-password": "mat-khau-thu-1",
            "login-redirect_url": "https://evil.example/",
            "login_submit": "1",
        },
    )
    assert response.status_code == 302 and "evil.example" not in response["Location"]
