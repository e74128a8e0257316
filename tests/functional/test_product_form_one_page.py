"""A cooperative's product form: one page, title, photos, price and stock first, plain labels,
each error next to its field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

CREATE = "/dashboard/catalogue/products/create/"


def test_new_product_starts_without_choosing_a_type(coop_a_client):
    response = coop_a_client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"] == CREATE + "ocop-product/"


def test_the_form_is_one_page_with_title_photos_price_and_stock_first(coop_a_client):
    html = coop_a_client.get(CREATE + "ocop-product/").content.decode()
    assert 'id="product_update_tabs"' not in html  # no tabs hiding sections
    order = [
        html.index('name="title"'),
        html.index('id="product_images"'),
        html.index('name="stockrecords-0-price"'),
        html.index('name="stockrecords-0-num_in_stock"'),
        html.index('id="product_category"'),
    ]
    assert order == sorted(order)
    assert html.count('class="tab-pane active') >= 3  # every section shown
    for jargon in ("Đối tác", "Bản ghi tồn kho", "UPC", "SKU của đối tác", "Là sản phẩm giảm giá"):
        assert jargon not in html, jargon
    assert "Giá và tồn kho" in html and "Mã hàng của hợp tác xã" in html
    assert 'class=" col-form-label required"' in html  # required fields marked


def test_an_error_shows_next_to_its_field(coop_a_client):
    response = coop_a_client.post(
        CREATE + "ocop-product/",
        {
            "title": "",
            "stockrecords-TOTAL_FORMS": "1",
            "stockrecords-INITIAL_FORMS": "0",
            "stockrecords-0-price": "-5",
            "stockrecords-0-num_in_stock": "3",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "categories-TOTAL_FORMS": "0",
            "categories-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    price = html.index('name="stockrecords-0-price"')
    assert '<span class="error-block">' in html[price : price + 600]


def test_a_net_quantity_of_one_is_shown_as_one(coop_a_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    product.net_quantity = Decimal("1.000")
    product.save()
    html = coop_a_client.get(f"/dashboard/catalogue/products/{product.pk}/").content.decode()
    field = html[html.index('name="net_quantity"') - 200 : html.index('name="net_quantity"') + 200]
    assert 'value="1"' in field and "1.000" not in field


def test_staff_get_the_same_one_page_form_with_their_sections_shown(staff_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    html = staff_client.get(f"/dashboard/catalogue/products/{product.pk}/").content.decode()
    assert 'id="product_update_tabs"' not in html
    order = [
        html.index('name="title"'),
        html.index('id="product_images"'),
        html.index('name="stockrecords-0-price"'),
        html.index('id="product_category"'),
        html.index('id="child_products"'),
        html.index('id="product_recommended"'),
        html.index('id="seo"'),
    ]
    assert order == sorted(order)
    for section in ("child_products", "product_recommended", "seo"):
        tag = html[html.index(f'id="{section}"') - 60 : html.index(f'id="{section}"') + 40]
        assert "active one-page-section" in tag and "hidden" not in tag, section
    assert 'name="stockrecords-0-partner"' in html  # staff choose the cooperative
    recommended = html.index('id="product_recommended"')
    assert "-TOTAL_FORMS" in html[recommended : recommended + 800]


def test_a_cooperative_does_not_see_staffs_sections(coop_a_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    html = coop_a_client.get(f"/dashboard/catalogue/products/{product.pk}/").content.decode()
    assert 'id="child_products"' not in html
    for section in ("product_recommended", "seo"):
        tag = html[html.index(f'id="{section}"') : html.index(f'id="{section}"') + 40]
        assert "hidden" in tag, section
    recommended = html.index('id="product_recommended"')
    assert "-TOTAL_FORMS" in html[recommended : recommended + 800]  # still posted back
