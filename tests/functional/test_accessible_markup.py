"""What screen-reader users rely on, on the pages Lighthouse found wanting (bench/lighthouse.py):
headings in order, every input named, tables without fake captions."""

from __future__ import annotations

import re

import pytest

from tests.factories import CooperativeFactory, ProductFactory
from tests.flows import add_to_basket

pytestmark = pytest.mark.django_db


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def test_the_basket_names_each_quantity_box_and_its_headings_go_down_one_step(anonymous_client):
    product = ProductFactory(partner=CooperativeFactory(), price=120_000, stock=10)
    add_to_basket(anonymous_client, product)
    html = anonymous_client.get("/shop/basket/").content.decode()
    box = re.search(r'<input[^>]*name="form-0-quantity"[^>]*>', html)[0]
    assert f'aria-label="Số lượng {product.get_title()}"' in box
    levels = headings(html)
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    totals = html[html.index('id="basket_totals"') :]
    first_row = re.search(r"<tr>(.*?)</tr>", totals, re.S)[1]
    assert first_row.count("<th") == 2 and "colspan" not in first_row


def test_product_cards_on_a_category_page_sit_under_a_heading(anonymous_client):
    product = ProductFactory(partner=CooperativeFactory(), price=50_000, stock=5)
    html = anonymous_client.get(product.categories.first().get_absolute_url()).content.decode()
    levels = headings(html[html.index("<main") :])
    first_card = html.index('class="product-card__title"')
    before = headings(html[html.index("<main") : first_card])
    assert levels[0] == 1 and 2 in before, levels
