"""Flagged unit codes are reviewed: cleared or flagged again, with who, when and why kept.

Anyone holding one label can get it flagged, so the cooperative that owns the batch and
alliance staff review flags. A cleared code reads as genuine on the origin page until new
evidence (scans after the clearance) flags it again.
"""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory
from tests.flows import path_of
from traceability.models import Scan, Serial
from traceability.serials import FlagReview, clear_flag

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
FLAGS = "/dashboard/traceability/flags"
GENUINE = "Mã đơn vị chính hãng"
SUSPICIOUS = "Mã đơn vị đã đăng ký nhưng được quét bất thường"
LIFTED = "đã được xem xét và gỡ bỏ"


@pytest.fixture
def serial(coop_a_user):
    batch = BatchFactory(product=ProductFactory(partner=Partner.objects.get(users=coop_a_user)))
    Serial.issue(batch, 1)
    return batch.serials.get()


def scan(client, serial, address="198.51.100.20") -> str:
    return client.get(
        path_of(serial.uri), HTTP_USER_AGENT=PHONE, REMOTE_ADDR=address
    ).content.decode()


def decide(client, serial, action: str, reason: str):
    return client.post(f"{FLAGS}/{serial.pk}/", {"action": action, "reason": reason})


def locate(client, serial, lat, lon, address) -> int:
    html = scan(client, serial, address)
    token = re.search(r'data-token="([^"]+)"', html).group(1)
    return client.post(
        "/t/locate/", {"token": token, "lat": lat, "lon": lon}, REMOTE_ADDR=address
    ).status_code


@override_settings(TRACE_SERIAL_SCAN_LIMIT=3)
def test_a_cooperative_clears_its_flag_and_only_new_scans_count_again(
    client, coop_a_client, coop_a_user, serial
):
    for _ in range(4):
        html = scan(client, serial)
    assert SUSPICIOUS in html
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS

    listing = coop_a_client.get(f"{FLAGS}/").content.decode()
    assert serial.code in listing and f"{FLAGS}/{serial.pk}/" in listing
    # A decision needs a reason.
    response = decide(coop_a_client, serial, "cleared", " ")
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS

    response = decide(coop_a_client, serial, "cleared", "Khách mua sỉ quét thử cả thùng")
    assert response.status_code == 302
    serial.refresh_from_db()
    assert serial.flag == "" and serial.cleared_at and serial.cleared_scans == 4
    review = serial.reviews.get(action=FlagReview.Action.CLEARED)
    assert (review.user, review.reason, review.flag, review.scans, review.by_staff) == (
        coop_a_user,
        "Khách mua sỉ quét thử cả thùng",
        Serial.Flag.TOO_MANY_SCANS,
        4,
        False,
    )

    # Genuine again, with every scan still counted, until the limit is passed anew.
    for expected in (5, 6, 7):
        html = scan(client, serial)
        assert GENUINE in html and SUSPICIOUS not in html and LIFTED in html
        assert f"Đã được quét {expected} lần" in html
    html = scan(client, serial)
    assert SUSPICIOUS in html and LIFTED not in html
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS
    assert list(serial.reviews.values_list("action", "user", "scans")) == [
        ("flagged", None, 8),
        ("cleared", coop_a_user.pk, 4),
        ("flagged", None, 4),
    ]

    # Who, when and why are shown in the dashboard.
    page = coop_a_client.get(f"{FLAGS}/{serial.pk}/").content.decode()
    who = coop_a_user.get_full_name() or coop_a_user.email
    assert "Khách mua sỉ quét thử cả thùng" in page and who in page
    assert "Khách mua sỉ quét thử cả thùng" in coop_a_client.get(f"{FLAGS}/").content.decode()


def test_a_reviewer_flags_a_code_again_and_shoppers_are_warned(client, coop_a_client, serial):
    assert GENUINE in scan(client, serial)
    response = decide(coop_a_client, serial, "flagged", "Tem giả bán ở chợ Đồng Xuân")
    assert response.status_code == 302
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.REVIEWER and serial.flagged_at
    html = scan(client, serial)
    assert SUSPICIOUS in html and "Bị người xét duyệt đánh dấu là đáng ngờ" in html
    # Flagging a flagged code again, or clearing one that is not flagged, changes nothing.
    response = decide(coop_a_client, serial, "flagged", "x")
    assert response.status_code == 200 and "đã bị đánh dấu" in response.content.decode()
    assert serial.reviews.count() == 1


def test_another_cooperative_gets_404_on_a_flag_and_nothing_changes(coop_b_client, serial):
    serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    assert coop_b_client.get(f"{FLAGS}/{serial.pk}/").status_code == 404
    response = decide(coop_b_client, serial, "cleared", "x")
    assert response.status_code == 404
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS
    assert not serial.reviews.exclude(user=None).exists()
    assert serial.code not in coop_b_client.get(f"{FLAGS}/").content.decode()


def test_anonymous_visitors_and_shoppers_cannot_review(anonymous_client, buyer_client, serial):
    serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    for client in (anonymous_client, buyer_client):
        response = decide(client, serial, "cleared", "x")
        assert response.status_code in (302, 403)
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS


def test_a_flag_staff_raised_is_cleared_by_staff_only(
    client, staff_client, coop_a_client, staff, serial
):
    response = decide(staff_client, serial, "flagged", "Liên minh xác minh hàng giả")
    assert response.status_code == 302
    assert serial.code in staff_client.get(f"{FLAGS}/").content.decode()
    page = coop_a_client.get(f"{FLAGS}/{serial.pk}/").content.decode()
    assert "chỉ cán bộ Liên minh mới gỡ được" in page
    response = decide(coop_a_client, serial, "cleared", "x")
    assert response.status_code == 403
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.REVIEWER
    response = decide(staff_client, serial, "cleared", "HTX chứng minh tem thật")
    assert response.status_code == 302
    serial.refresh_from_db()
    assert serial.flag == ""
    assert serial.reviews.get(action="cleared").by_staff
    assert GENUINE in scan(client, serial)


def test_located_scans_from_before_a_clearance_are_not_new_evidence(client, coop_a_client, serial):
    assert locate(client, serial, "21.03", "105.85", "198.51.100.1") == 204  # Hà Nội
    assert locate(client, serial, "10.78", "106.70", "198.51.100.2") == 204  # Sài Gòn
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.IMPOSSIBLE_TRAVEL
    decide(coop_a_client, serial, "cleared", "Đã kiểm tra")
    # A new scan in Hà Nội, far from the old Sài Gòn one: that one was already weighed.
    assert locate(client, serial, "21.0", "105.8", "198.51.100.3") == 204
    serial.refresh_from_db()
    assert serial.flag == ""
    # Two new scans far apart within the hour: flagged again.
    assert locate(client, serial, "10.8", "106.7", "198.51.100.4") == 204
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.IMPOSSIBLE_TRAVEL
    assert SUSPICIOUS in scan(client, serial)


@override_settings(TRACE_SERIAL_SCAN_LIMIT=3)
def test_a_scan_read_before_a_clearance_does_not_flag_the_code_again(serial, coop_a_user):
    for _ in range(4):
        Scan.objects.create(batch=serial.batch, serial=serial)
    serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    # A scan read the unit unflagged, then the flag was raised and cleared before it wrote.
    stale = Serial.objects.get(pk=serial.pk)
    stale.flag = ""
    clear_flag(serial, coop_a_user, "Đã kiểm tra")
    stale.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    serial.refresh_from_db()
    assert serial.flag == ""


@override_settings(TRACE_SERIAL_SCAN_LIMIT=3)
def test_a_cleared_code_costs_the_origin_page_no_query(
    client, serial, coop_a_user, django_assert_max_num_queries
):
    for _ in range(5):
        scan(client, serial)
    clear_flag(serial, coop_a_user, "Đã kiểm tra")
    scan(client, serial)  # the page and the batch are cached again
    with django_assert_max_num_queries(2):  # look the code up, log the scan
        html = scan(client, serial)
    assert GENUINE in html and LIFTED in html


def test_an_unknown_action_or_a_missing_serial_is_refused(coop_a_client, serial):
    response = decide(coop_a_client, serial, "delete", "x")
    assert response.status_code == 200 and "action" in response.context["form"].errors
    assert coop_a_client.get(f"{FLAGS}/999999999/").status_code == 404
    assert not serial.reviews.exists()


@pytest.mark.parametrize("size", [1, 30])
def test_the_flag_pages_run_a_constant_number_of_queries(
    coop_a_client, coop_a_user, serial, size, django_assert_max_num_queries
):
    batch = serial.batch
    Serial.issue(batch, size)
    for unit in batch.serials.all():
        Scan.objects.create(batch=batch, serial=unit)
        unit.raise_flag(Serial.Flag.TOO_MANY_SCANS)
        clear_flag(unit, coop_a_user, "Đã kiểm tra")
        unit.raise_flag(Serial.Flag.TOO_MANY_SCANS)
    with django_assert_max_num_queries(10):
        assert coop_a_client.get(f"{FLAGS}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert coop_a_client.get(f"{FLAGS}/{serial.pk}/").status_code == 200
