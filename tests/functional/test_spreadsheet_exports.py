"""Exports open in a spreadsheet as staff read them: Vietnamese intact, labels, local times.

Read the way Excel and LibreOffice read them: CSV as `utf-8-sig` (a byte-order mark first),
XLSX with openpyxl.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.models import BoothRegistration, SessionRegistration
from tests.factories import OrderFactory, ProductFactory
from tests.functional.test_fair_registration import apply, make_event
from tests.functional.test_training_registration import make_course, register

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
LOCAL_MINUTE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith(BOM), "Excel needs the byte-order mark to read Vietnamese"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


@pytest.fixture
def booth(coop_a_client, coop_a_user):
    event = make_event()
    assert (
        apply(coop_a_client, coop_a_user, event, contact_name="Nguyễn Thị Hằng").status_code == 302
    )
    registration = BoothRegistration.objects.get(event=event)
    registration.status = BoothRegistration.Status.ACCEPTED
    registration.decided_at = datetime.datetime(2026, 12, 3, 1, 5, 7, 123456, tzinfo=datetime.UTC)
    registration.save()
    return registration


def test_booth_registrations_csv_has_labels_local_times_and_the_chosen_products(
    booth, staff_client
):
    rows = as_dicts(
        csv_rows(staff_client.get(f"/cms/booth_registrations/?export=csv&event={booth.event_id}"))
    )
    assert len(rows) == 1
    row = rows[0]
    assert "Nguyễn Thị Hằng" in row.values()
    assert "Đã chấp nhận" in row.values() and "accepted" not in row.values()
    # 01:05:07.123456 UTC is 08:05 in Hà Nội, to the minute.
    assert "2026-12-03 08:05" in row.values()
    times = [value for value in row.values() if re.match(r"^\d{4}-\d\d-\d\d", value)]
    assert times and all(LOCAL_MINUTE.match(value) for value in times)
    products = booth.products.all()
    assert products.count() == 2
    products_cell = next(value for value in row.values() if products[0].title in value)
    assert all(product.title in products_cell for product in products)


def test_booth_registrations_xlsx_opens_with_vietnamese_and_labels(booth, staff_client):
    response = staff_client.get(f"/cms/booth_registrations/?export=xlsx&event={booth.event_id}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
    assert "Nguyễn Thị Hằng" in values and "Đã chấp nhận" in values
    assert datetime.datetime(2026, 12, 3, 8, 5) in values


def test_training_registrations_csv_says_co_or_khong(coop_a_client, staff_client):
    course, session = make_course()
    assert register(coop_a_client, course, session, name="Trần Văn Bình").status_code == 302
    SessionRegistration.objects.filter(session=session).update(attended=True)
    rows = as_dicts(
        csv_rows(staff_client.get(f"/cms/training_registrations/?export=csv&session={session.pk}"))
    )
    assert "Trần Văn Bình" in rows[0].values()
    assert "Có" in rows[0].values()
    assert not {"True", "False"} & set(rows[0].values())


def test_the_dashboard_order_download_has_the_status_label_and_local_time(
    coop_a_user, staff_client
):
    product = ProductFactory(partner=coop_a_user.partners.get())
    order = OrderFactory(products=[product])
    order.date_placed = timezone.now().replace(microsecond=654321)
    order.save()
    rows = csv_rows(staff_client.get(reverse("dashboard:order-list") + "?response_format=csv"))
    row = next(row for row in rows if str(order.number) in row)
    assert order.get_status_display() in row
    assert order.status not in row
    local = timezone.localtime(order.date_placed).strftime("%Y-%m-%d %H:%M")
    assert local in row
    assert str(int(order.total_incl_tax)) in row  # dong have no decimals


def test_a_cooperatives_order_download_is_its_shipments_as_a_spreadsheet(
    coop_a_user, coop_a_client, coop_b_user
):
    product = ProductFactory(partner=coop_a_user.partners.get())
    order = OrderFactory(products=[product])
    other = OrderFactory(products=[ProductFactory(partner=coop_b_user.partners.get())])
    response = coop_a_client.get(
        reverse("dashboard:order-list") + "?response_format=csv", follow=True
    )
    rows = as_dicts(csv_rows(response))
    numbers = {row["Đơn hàng"] for row in rows}
    assert str(order.number) in numbers and str(other.number) not in numbers
    row = next(row for row in rows if row["Đơn hàng"] == str(order.number))
    assert row["Trạng thái"] == "Chờ xác nhận"
    assert row["Tiền hàng"] == str(int(order.shipments.get().subtotal))
    local = timezone.localtime(order.date_placed).strftime("%Y-%m-%d %H:%M")
    assert local in row.values()


def test_programme_exports_open_as_spreadsheets(staff_client):
    url = "/dashboard/programme/"
    rows = csv_rows(staff_client.get(url + "export/stars.csv"))
    assert rows[0]
    response = staff_client.get(url + "export/all.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames
