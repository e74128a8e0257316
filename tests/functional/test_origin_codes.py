"""Printed URIs resolve to the right batch or unit; anything else is the counterfeit page, never a 500."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.factories import BatchFactory, ProductFactory
from tests.flows import path_of
from traceability import gs1
from traceability.models import Batch, Serial

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return ProductFactory()


def assert_counterfeit(response):
    assert response.status_code == 404
    html = response.content.decode()
    assert "Mã này chưa được đăng ký trên sàn" in html  # "not registered … may be counterfeit"
    assert 'action="/t/report/"' in html  # with the report form


def test_published_batches_print_a_digital_link_with_a_14_digit_gtin(product):
    batch = BatchFactory(product=product, lot="L2025-01")
    gtin14 = product.upc.zfill(14)
    assert batch.uri == f"http://127.0.0.1:8000/01/{gtin14}/10/L2025-01"
    assert batch.gtin == gtin14


@override_settings(TRACE_BASE_URL="https://ocop.example.vn")
def test_the_printed_address_comes_from_the_setting_and_never_changes(product):
    batch = BatchFactory(product=product, lot="SET-1")
    assert batch.uri.startswith("https://ocop.example.vn/01/")
    with override_settings(TRACE_BASE_URL="https://elsewhere.example"):
        batch.refresh_from_db()
        assert batch.code_uri().startswith("https://ocop.example.vn/")


def test_a_lot_with_a_slash_is_percent_encoded_and_resolves(client, product):
    batch = BatchFactory(product=product, lot="25/07-A")
    assert batch.uri.endswith("/10/25%2F07-A")
    response = client.get(path_of(batch.uri))
    assert response.status_code == 200
    assert response.context["batch"] == batch


def test_every_symbol_of_character_set_82_resolves(client, product):
    lot = "!\"%&'()*+,-./:;<=>?_"
    batch = BatchFactory(product=product, lot=lot)
    assert client.get(path_of(batch.uri)).context["batch"] == batch


def test_two_products_may_share_a_lot_code_and_each_resolves_to_its_own(client, product):
    other = ProductFactory()
    a, b = BatchFactory(product=product, lot="SAME-1"), BatchFactory(product=other, lot="SAME-1")
    assert client.get(path_of(a.uri)).context["batch"] == a
    assert client.get(path_of(b.uri)).context["batch"] == b


def test_a_gtin_13_in_the_path_is_padded_like_a_scanner_would(client, product):
    batch = BatchFactory(product=product, lot="PAD-1")
    assert client.get(f"/01/{product.upc}/10/PAD-1").context["batch"] == batch


def test_a_serial_resolves_to_its_unit(client, product):
    batch = BatchFactory(product=product, lot="SER/1")
    Serial.issue(batch, 3)
    serial = batch.serials.first()
    assert serial.uri == f"{batch.uri}/21/{serial.code}"
    response = client.get(path_of(serial.uri))
    assert response.status_code == 200
    assert response.context["serial"] == serial
    assert serial.code in response.content.decode()


def test_a_product_without_gtin_uses_a_short_code(client, product):
    product.upc = None
    product.save()
    batch = BatchFactory(product=product, lot="NOGTIN")
    assert batch.uri == f"http://127.0.0.1:8000/t/{batch.short_code}"
    assert client.get(path_of(batch.uri)).context["batch"] == batch
    Serial.issue(batch, 1)
    serial = batch.serials.get()
    assert serial.uri == f"http://127.0.0.1:8000/t/{serial.code}"
    assert client.get(path_of(serial.uri)).context["serial"] == serial


def test_a_bare_gtin_leads_to_the_product_in_the_shop(client, product):
    response = client.get(f"/01/{gs1.to_gtin14(product.upc)}")
    assert response.status_code == 302
    assert response["Location"] == product.get_absolute_url()


def test_a_wrong_check_digit_is_the_counterfeit_page(client, product):
    batch = BatchFactory(product=product, lot="CHK-1")
    gtin = batch.gtin
    wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
    assert_counterfeit(client.get(f"/01/{wrong}/10/CHK-1"))


def test_an_unknown_serial_is_the_counterfeit_page(client, product):
    batch = BatchFactory(product=product, lot="UNK-1")
    Serial.issue(batch, 2)
    assert_counterfeit(client.get(f"{path_of(batch.uri)}/21/NOTISSUED123456"))


def test_a_real_serial_under_another_lot_is_the_counterfeit_page(client, product):
    one, other = (
        BatchFactory(product=product, lot="ONE"),
        BatchFactory(product=product, lot="OTHER"),
    )
    Serial.issue(one, 1)
    assert_counterfeit(client.get(f"{path_of(other.uri)}/21/{one.serials.get().code}"))


@pytest.mark.parametrize(
    "path",
    [
        "/01/",
        "/01/123",
        "/01/abcdefghijklmn/10/LOT",
        "/01/08931000000013/10/" + "L" * 500,
        "/01/08931000000013/10/L%C3%94%201",  # "LÔ 1"
        "/01/08931000000013/21/A/10/B",  # qualifiers out of order
        "/01/08931000000013/10/../../../../etc/passwd",
        "/01/..%2F..%2Fetc%2Fpasswd",
        "/01/08931000000013/10/%00",
        "/01/" + "9" * 5000,
        "/t/",
        "/t/../../etc/passwd",
        "/t/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/t/" + "Z" * 500,
        "/t/ZZZZZZZZZZ",
        "/t/<script>alert(1)</script>",
    ],
)
def test_bad_input_gives_the_counterfeit_page_never_a_500(client, path):
    response = client.get(path)
    assert_counterfeit(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_only_reading_is_allowed_on_a_code(client, product):
    batch = BatchFactory(product=product, lot="RO-1")
    assert client.post(path_of(batch.uri)).status_code == 405
    assert client.head(path_of(batch.uri)).status_code == 200
    assert batch.scans.count() == 0  # a HEAD is no scan


def test_a_lot_with_a_space_or_vietnamese_letter_cannot_be_registered(product):
    from traceability.forms import BatchForm

    staff = type("Staff", (), {"is_staff": True, "is_authenticated": True})()
    data = {
        "product": product.pk,
        "produced_on": "2025-07-01",
        "quantity": 10,
        "origin_name": "Vườn",
        "province_code": "01",
    }
    for lot, fragment in [("LO 01", "khoảng trắng"), ("LÔ-01", "“Ô”"), ("L" * 21, "tối đa 20")]:
        form = BatchForm(data={**data, "lot": lot}, user=staff)
        assert not form.is_valid()
        assert fragment in " ".join(form.errors["lot"])
    assert not Batch.objects.filter(product=product, lot__startswith="L" * 20).exists()
