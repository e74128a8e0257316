"""The database going away mid-request: a clear 503 page, nothing half-written, then 200.

On PostgreSQL the test cuts the request's own connection with `pg_terminate_backend` while
the order is being written (what a restart or a failover does); elsewhere the database
error is raised at the same point. With ATOMIC_REQUESTS the whole request is rolled back.
"""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from oscar.core.loading import get_model

from checkout.placement import OrderCreator
from tests import flows

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Product = get_model("catalogue", "Product")

PAGE = {
    "vi": ("Chúng tôi sẽ trở lại ngay", "Thao tác vừa rồi chưa được lưu"),
    "en": ("Back in a moment", "Nothing from your last action was saved"),
}


def buyable():
    return (
        Product.objects.browsable()
        .filter(stockrecords__num_in_stock__gt=50, stockrecords__price__gt=Decimal(0))
        .order_by("pk")
        .first()
    )


def rows() -> tuple[int, int, int]:
    return Order.objects.count(), OrderLine.objects.count(), ShippingAddress.objects.count()


def cut_connection_here(*args, **kwargs):
    """What a database restart does to the request's connection, at this point of it."""
    if connection.vendor == "postgresql":
        import psycopg

        pid = connection.connection.info.backend_pid
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        with connection.cursor() as cursor:  # the request's next query finds it gone
            cursor.execute("SELECT 1")
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_order_cut_off_by_the_database_gets_a_503_and_leaves_no_rows(committed_db, language):
    client = Client(raise_request_exception=False)  # as a server: the error page, not a raise
    client.cookies["django_language"] = language
    flows.add_to_basket(client, buyable())
    basket = flows.basket_of(client)
    before = rows()
    try:
        with mock.patch.object(OrderCreator, "create_line_models", cut_connection_here):
            response = flows.checkout(client)
        page = response.content.decode()
        assert response.status_code == 503 and response["Retry-After"]
        assert all(text in page for text in PAGE[language])
        assert "Traceback" not in page and "OperationalError" not in page
        assert rows() == before  # no order without lines, no orphan address
        basket.refresh_from_db()
        assert basket.status == Basket.OPEN  # the buyer can try again

        # The next request gets a new connection and succeeds.
        assert client.get("/shop/basket/").status_code == 200
        assert flows.checkout(client).status_code == 302
        assert rows()[0] == before[0] + 1
    finally:
        order = Order.objects.filter(basket=basket).first()
        if order is not None:
            order.delete()
        Basket.objects.filter(pk=basket.pk).delete()
