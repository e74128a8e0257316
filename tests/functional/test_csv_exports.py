"""Every CSV export writes what buyers and cooperatives typed as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from oscar.test import factories as oscar

from cms.models import BoothRegistration, SessionRegistration
from tests.factories import OrderFactory, ProductFactory
from tests.functional.test_fair_registration import apply, make_event
from tests.functional.test_training_registration import make_course, register

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/","Bấm vào đây")'
SAFE = "'" + EVIL


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def cells_of(response) -> set[str]:
    return {cell for row in rows_of(response) for cell in row}


def test_training_registrations_export_a_typed_formula_as_text(coop_a_client, staff_client):
    course, session = make_course()
    assert register(coop_a_client, course, session, name=EVIL).status_code == 302
    assert SessionRegistration.objects.get(session=session).participant_name == EVIL
    cells = cells_of(
        staff_client.get(f"/cms/training_registrations/?export=csv&session={session.pk}")
    )
    assert SAFE in cells and EVIL not in cells


def test_booth_registrations_export_a_typed_formula_as_text(
    coop_a_client, coop_a_user, staff_client
):
    event = make_event()
    response = apply(coop_a_client, coop_a_user, event, contact_name=EVIL, note="@SUM(A1:A9)")
    assert response.status_code == 302
    assert BoothRegistration.objects.get(event=event).contact_name == EVIL
    cells = cells_of(staff_client.get(f"/cms/booth_registrations/?export=csv&event={event.pk}"))
    assert {SAFE, "'@SUM(A1:A9)"} <= cells
    assert EVIL not in cells


@pytest.fixture
def evil_order(coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    buyer = oscar.UserFactory(first_name=EVIL, last_name="", email="=1+1@example.vn")
    address = oscar.ShippingAddressFactory(first_name=EVIL, last_name="")
    return OrderFactory(products=[product], user=buyer, shipping_address=address)


def test_the_dashboard_order_download_writes_typed_formulas_as_text(evil_order, staff_client):
    # (A cooperative's download is its shipments', which hold no buyer-typed text.)
    rows = rows_of(staff_client.get(reverse("dashboard:order-list") + "?response_format=csv"))
    row = next(row for row in rows if str(evil_order.number) in row)
    assert SAFE in row and "'=1+1@example.vn" in row
    assert EVIL not in row


def test_oscar_reports_write_typed_formulas_as_text(evil_order, staff_client):
    response = staff_client.get(
        "/dashboard/reports/", {"report_type": "order_report", "download": "on"}
    )
    row = next(row for row in rows_of(response) if str(evil_order.number) in row)
    assert SAFE in row and "'=1+1@example.vn" in row
