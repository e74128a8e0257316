"""A buyer's name the Vietnamese way on their own pages: "Nguyễn Thị Lan", not "Lan Nguyễn Thị"."""

from __future__ import annotations

import pytest

from tests import flows
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_the_buyers_profile_shows_the_family_name_first(buyer_client, buyer):
    buyer.first_name, buyer.last_name = "Lan", "Nguyễn Thị"
    buyer.save()
    html = buyer_client.get("/shop/accounts/profile/").content.decode()
    assert "Nguyễn Thị Lan" in html and "Lan Nguyễn Thị" not in html


def test_the_profile_form_asks_for_the_family_name_first(buyer_client):
    html = buyer_client.get("/shop/accounts/profile/edit/").content.decode()
    assert html.index('name="last_name"') < html.index('name="first_name"')
    assert "Họ và tên đệm" in html and 'autocomplete="family-name"' in html


def test_the_checkout_fills_in_the_name_family_first(buyer_client, buyer):
    buyer.first_name, buyer.last_name = "Lan", "Nguyễn Thị"
    buyer.save()
    buyer.addresses.all().delete()
    flows.add_to_basket(buyer_client, ProductFactory())
    html = buyer_client.get("/shop/checkout/").content.decode()
    assert 'value="Nguyễn Thị Lan"' in html
