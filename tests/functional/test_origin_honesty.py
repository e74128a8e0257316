"""What the origin page claims must be true (#19): an expired certificate is shown as expired
and apart from the valid ones; a reload is not another scan; a report says what is reported
and needs a reason; demo journeys fit what the product is."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import BatchFactory, CertificationFactory
from tests.flows import path_of
from traceability.models import Batch, CounterfeitReport, JourneyEvent, Serial

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
)


def scan(client, uri: str) -> str:
    return client.get(path_of(uri), HTTP_USER_AGENT=PHONE).content.decode()


@pytest.fixture
def reload_window(settings):
    settings.TRACE_RELOAD_WINDOW_SECONDS = 30 * 60
    return settings


# Certificates.


def test_an_expired_certificate_is_shown_apart_as_expired(client):
    batch = BatchFactory()
    producer = batch.partner.producer
    today = timezone.localdate()
    CertificationFactory(
        producer=producer, number="VG-CON-HAN", expires_on=today + datetime.timedelta(days=90)
    )
    CertificationFactory(
        producer=producer, number="VG-HET-HAN", expires_on=today - datetime.timedelta(days=1)
    )
    html = scan(client, batch.uri)
    valid = re.search(r'<li class="cert valid">.*?</li>', html, re.S).group(0)
    assert "VG-CON-HAN" in valid and "có hiệu lực đến" in valid
    assert "VG-HET-HAN" not in html.split('class="expired-certs"')[0]
    expired = html.split('class="expired-certs"')[1]
    assert "Chứng nhận đã hết hạn" in expired and "VG-HET-HAN" in expired
    assert "không còn bảo đảm cho sản phẩm" in expired and "hết hạn ngày" in expired


def test_without_an_expired_certificate_there_is_no_expired_section(client):
    batch = BatchFactory()
    CertificationFactory(
        producer=batch.partner.producer,
        expires_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    assert 'class="expired-certs"' not in scan(client, batch.uri)


# Reloads.


def test_reloading_the_page_does_not_raise_the_count(reload_window, client):
    batch = BatchFactory()
    assert "lần quét đầu tiên" in scan(client, batch.uri)
    for _ in range(3):
        html = scan(client, batch.uri)
    assert batch.scans.count() == 1
    assert "lần quét đầu tiên" in html and "Đã được quét" not in html


def test_another_shopper_still_counts(reload_window, client):
    batch = BatchFactory()
    scan(client, batch.uri)
    html = scan(Client(), batch.uri)
    assert batch.scans.count() == 2 and "Đã được quét 2 lần" in html


def test_after_the_window_the_same_phone_counts_again(reload_window, client):
    batch = BatchFactory()
    scan(client, batch.uri)
    later = timezone.now() + datetime.timedelta(minutes=31)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        scan(client, batch.uri)
    assert batch.scans.count() == 2


def test_a_reloaded_unit_code_is_not_pushed_towards_a_copy_warning(reload_window, client):
    batch = BatchFactory()
    Serial.issue(batch, 1)
    serial = batch.serials.get()
    for _ in range(30):
        html = scan(client, serial.uri)
    serial.refresh_from_db()
    assert serial.scans.count() == 1 and not serial.flag
    assert "Mã sản phẩm chính hãng" in html or "✓" in html


def test_the_shops_link_to_the_origin_page_is_not_a_scan(client):
    batch = BatchFactory()
    html = client.get(f"{path_of(batch.uri)}?via=shop", HTTP_USER_AGENT=PHONE).content.decode()
    assert batch.scans.count() == 0
    assert "Chưa ai quét mã này từ bao bì sản phẩm." in html


def test_a_forged_reload_cookie_is_ignored(reload_window, client):
    batch = BatchFactory()
    client.cookies["trace_seen"] = f"{batch.pk}.0:{int(timezone.now().timestamp())}"
    scan(client, batch.uri)
    assert batch.scans.count() == 1


# Reports.


def test_the_report_page_names_the_product_and_lot(client):
    batch = BatchFactory()
    html = client.get("/t/report/", {"code": batch.uri}).content.decode()
    named = html.split('class="reported-product"')[1].split("</p>")[0]
    assert batch.product.get_title() in named and batch.lot in named


def test_an_empty_report_is_refused_with_a_reason_asked_beside_the_field(client):
    batch = BatchFactory()
    before = CounterfeitReport.objects.count()
    response = client.post("/t/report/", {"code": batch.uri, "message": "", "place": ""})
    html = response.content.decode()
    assert response.status_code == 400 and CounterfeitReport.objects.count() == before
    assert "Hãy cho chúng tôi biết sản phẩm có điểm gì bất thường." in html
    assert re.search(r'<textarea[^>]*aria-invalid="true"', html)
    assert batch.product.get_title() in html  # still says what is being reported
    assert "Cảm ơn" not in html


def test_a_report_with_a_reason_is_taken_and_the_thanks_name_the_product(client):
    batch = BatchFactory()
    response = client.post("/t/report/", {"code": batch.uri, "message": "Tem bị bóc ra dán lại"})
    html = response.content.decode()
    assert response.status_code == 200 and batch.product.get_title() in html
    assert CounterfeitReport.objects.filter(message="Tem bị bóc ra dán lại").exists()


# Demo journeys.


def test_no_demo_plant_or_fish_is_fired_in_a_kiln():
    living = Batch.objects.filter(product__categories__code__startswith="5").distinct()
    assert living.exists()
    texts = JourneyEvent.objects.filter(batch__in=living).values_list(
        "place", "description", "description_en"
    )
    words = " ".join(" ".join(row) for row in texts).lower()
    assert words and not re.search(r"\bnung\b|kiln|fired|lò", words)
    assert "kiểm dịch" in words
