"""A suspended or unapproved cooperative's products cannot be bought, even by id.

Adding one to a basket is refused with a message and nothing is added; a basket that
already holds one is told on the basket page and at checkout, which cannot go on until the
line is removed.
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from oscar.core.loading import get_model

from producers import services
from producers.models import Producer
from tests.factories import CooperativeFactory, ProductFactory
from tests.flows import add_to_basket, basket_of, checkout

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture
def cooperative():
    return CooperativeFactory(name="HTX Mật Ong Thử")


@pytest.fixture
def product(cooperative):
    return ProductFactory(partner=cooperative, title="Mật ong rừng thử")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def lines_in(client) -> int:
    basket = basket_of(client)
    return basket.num_lines if basket is not None else 0


def test_a_suspended_cooperatives_product_is_refused_by_id(product, cooperative, anonymous_client):
    services.suspend(cooperative.producer)
    response = add_to_basket(anonymous_client, product)
    assert response.status_code == 302
    assert messages_of(response) == [
        "Không thể mua Mật ong rừng thử: hợp tác xã bán sản phẩm này, "
        "Hợp tác xã Mật Ong Thử, đang bị tạm ngừng."
    ]
    assert lines_in(anonymous_client) == 0


def test_the_refusal_reads_in_english_too(product, cooperative, anonymous_client):
    services.suspend(cooperative.producer)
    response = anonymous_client.post(
        f"/shop/basket/add/{product.pk}/", {"quantity": 1}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert messages_of(response) == [
        "Mật ong rừng thử cannot be bought: its cooperative, Hợp tác xã Mật Ong Thử, is suspended."
    ]
    assert lines_in(anonymous_client) == 0


def test_an_unapproved_cooperatives_public_product_is_refused(
    product, cooperative, anonymous_client
):
    Producer.objects.filter(pk=cooperative.producer.pk).update(status=Producer.Status.APPLIED)
    response = add_to_basket(anonymous_client, product)
    assert "Hợp tác xã Mật Ong Thử" in messages_of(response)[0]
    assert lines_in(anonymous_client) == 0


def test_a_hidden_product_is_refused(product, anonymous_client):
    type(product).objects.filter(pk=product.pk).update(is_public=False)
    response = add_to_basket(anonymous_client, product)
    assert messages_of(response) == ["Mật ong rừng thử không còn được bán."]
    assert lines_in(anonymous_client) == 0


def test_an_approved_cooperatives_product_goes_in(product, anonymous_client):
    add_to_basket(anonymous_client, product, quantity=2)
    assert basket_of(anonymous_client).num_items == 2


def test_a_basket_holding_it_is_told_and_checkout_waits_until_it_is_removed(
    product, cooperative, coop_b_user, anonymous_client
):
    other = ProductFactory(partner=coop_b_user.partners.get())
    add_to_basket(anonymous_client, product)
    add_to_basket(anonymous_client, other)
    services.suspend(cooperative.producer)
    flagged = (
        "Không thể mua Mật ong rừng thử: hợp tác xã bán sản phẩm này, "
        "Hợp tác xã Mật Ong Thử, đang bị tạm ngừng. "
        "Hãy bỏ sản phẩm này khỏi giỏ hàng để thanh toán."
    )

    basket_page = anonymous_client.get("/shop/basket/")
    assert flagged in basket_page.context["basket_warnings"]

    response = anonymous_client.get("/shop/checkout/")
    assert response.status_code == 302 and response["Location"].endswith("/shop/basket/")
    assert flagged in messages_of(response)

    orders = Order.objects.count()
    response = checkout(anonymous_client)
    assert response.status_code == 302 and response["Location"].endswith("/shop/basket/")
    assert Order.objects.count() == orders

    basket_of(anonymous_client).lines.filter(product=product).delete()
    assert anonymous_client.get("/shop/checkout/").status_code == 200
    response = checkout(anonymous_client)
    assert Order.objects.count() == orders + 1
