"""Prices and stock stay sane: the dashboard refuses bad values with a clear message and
saves nothing, and the database refuses them from anywhere else."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import OrderFactory, ProductFactory
from tests.functional.test_producer_onboarding import product_form_data

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def post_stock(client, product, language="en", **values):
    """Post the product page with the stock record's fields changed (price=…, num_in_stock=…)."""
    client.cookies["django_language"] = language
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    page = client.get(url)
    prefix = page.context["stockrecord_formset"].prefix
    data = product_form_data(client, url)
    data.update(
        {f.html_name: f.value() for f in page.context["form"] if f.value() not in (None, False)}
    )
    data.update({f"{prefix}-0-{name}": str(value) for name, value in values.items()})
    return client.post(url, data)


def stock_errors(response) -> dict:
    assert response.status_code == 200, response.get("Location")
    return response.context["stockrecord_formset"].forms[0].errors


BAD = [
    ("price", "-1", "Enter a price above 0 đồng.", "Nhập giá lớn hơn 0 đồng."),
    ("price", "0", "Enter a price above 0 đồng.", "Nhập giá lớn hơn 0 đồng."),
    ("price", "1500.5", "Prices are whole đồng", "Giá tính bằng đồng chẵn"),
    ("price", "1500.555", "Prices are whole đồng", "Giá tính bằng đồng chẵn"),
    ("price", "20000000000", "above the ceiling of 1,000,000,000 đồng", "vượt mức trần"),
    ("price", "1" + "0" * 20, "above the ceiling", "vượt mức trần"),
    ("num_in_stock", "-3", "Stock cannot be negative", "Tồn kho không thể âm"),
    ("num_in_stock", "2000000", "above the ceiling of 1,000,000", "vượt mức trần"),
    ("low_stock_threshold", "5000000", "above the ceiling", "vượt mức trần"),
    ("price_currency", "USD", "Prices are in VND.", "Giá tính bằng VND."),
]


@pytest.mark.parametrize("field,value,english,vietnamese", BAD)
@pytest.mark.parametrize("who", ["coop_a_client", "staff_client"])
def test_a_bad_price_or_stock_is_refused_and_nothing_is_saved(
    who, field, value, english, vietnamese, coop_a_user, request
):
    client = request.getfixturevalue(who)
    product = ProductFactory(partner=coop_a_user.partners.get(), price=150000, stock=20)
    record = StockRecord.objects.get(product=product)
    before = (record.price, record.num_in_stock, record.low_stock_threshold, record.price_currency)
    for language, message in (("en", english), ("vi", vietnamese)):
        errors = stock_errors(post_stock(client, product, language, **{field: value}))
        assert message in " ".join(errors[field]), errors
    record.refresh_from_db()
    assert (
        record.price,
        record.num_in_stock,
        record.low_stock_threshold,
        record.price_currency,
    ) == before


@pytest.mark.parametrize("who", ["coop_a_client", "staff_client"])
def test_a_sane_price_and_stock_are_saved(who, coop_a_user, request):
    client = request.getfixturevalue(who)
    product = ProductFactory(partner=coop_a_user.partners.get(), price=150000, stock=20)
    response = post_stock(client, product, price="1000000000", num_in_stock="1000000")
    assert response.status_code == 302
    record = StockRecord.objects.get(product=product)
    assert (record.price, record.num_in_stock) == (Decimal(1_000_000_000), 1_000_000)


def test_stock_cannot_go_below_what_orders_reserved(coop_a_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get(), stock=5)
    OrderFactory(products=[product], quantities=[3])
    assert StockRecord.objects.get(product=product).num_allocated == 3
    errors = stock_errors(post_stock(coop_a_client, product, num_in_stock="2"))
    assert "3 units are reserved for orders not yet shipped" in errors["num_in_stock"][0]
    assert StockRecord.objects.get(product=product).num_in_stock == 5
    assert post_stock(coop_a_client, product, num_in_stock="3").status_code == 302


@pytest.mark.parametrize(
    "change",
    [
        {"price": Decimal(-1)},
        {"price": Decimal(0)},
        {"price": Decimal("1000.50")},
        {"num_in_stock": -1},
        {"num_allocated": -1},
        {"num_allocated": 11},  # more than the 10 in stock
    ],
    ids=["negative", "zero", "fraction", "stock", "allocated", "over-allocated"],
)
def test_the_database_refuses_what_the_form_would(change):
    product = ProductFactory(price=100000, stock=10)
    records = StockRecord.objects.filter(product=product)
    with pytest.raises(IntegrityError), transaction.atomic():
        records.update(**change)
    record = records.get()
    assert (record.price, record.num_in_stock, record.num_allocated or 0) == (
        Decimal(100000),
        10,
        0,
    )


def test_an_unpriced_or_untracked_record_is_still_allowed():
    product = ProductFactory(price=100000, stock=10)
    StockRecord.objects.filter(product=product).update(
        price=None, num_in_stock=None, num_allocated=None
    )
