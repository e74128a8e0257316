"""A mail server that fails after an order is committed does not turn the checkout into a 500."""

import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from oscar.core.loading import get_model

from tests import flows
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

Order = get_model("order", "Order")


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


@pytest.fixture
def item(committed_db):
    partner = CooperativeFactory()
    yield ProductFactory(partner=partner, price=120000, stock=3)
    remove_cooperatives(partner)


def test_the_order_is_placed_and_shown_when_the_mail_server_fails(client, item, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    flows.add_to_basket(client, item)

    response = flows.checkout(client, email="mat-thu@example.vn")

    assert response.status_code == 302
    order = Order.objects.get(guest_email="mat-thu@example.vn")
    assert order.lines.get().product_id == item.pk
    assert client.get(response["Location"]).status_code == 200
