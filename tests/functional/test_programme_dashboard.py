"""The programme dashboard: who may read which province, and exports equal to the page."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.test import Client
from openpyxl import load_workbook

from evaluation.models import OfficerRole, Role
from tests import factories, programme_world
from tests.programme_world import PROVINCE

pytestmark = pytest.mark.django_db

URL = "/dashboard/programme/"
YEAR = {"period": "2019", "province": PROVINCE}


@pytest.fixture
def world():
    return programme_world.build()


def officer_of(province: str) -> Client:
    user = factories.CooperativeUserFactory(dashboard_access=False)
    OfficerRole.objects.create(user=user, role=Role.PROVINCE_SECRETARY, province_code=province)
    client = Client()
    client.force_login(user)
    return client


def page_table(html: str, key: str) -> list[list[str]]:
    """The rows of the page's table `key`, numbers without their thousands separators."""
    body = re.search(rf'data-table="{key}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows.append([c.replace(".", "") if c.replace(".", "").isdigit() else c for c in cells])
    return rows


def test_staff_see_the_provinces_figures_with_charts_tables_and_the_map(staff_client, world):
    response = staff_client.get(URL, YEAR)
    assert response.status_code == 200
    html = response.content.decode()
    assert page_table(html, "stars") == [["3★", "2"], ["4★", "1"], ["5★", "1"]]
    assert html.count('class="tile') >= 34 and len(re.findall(r'data-province="\d\d"', html)) == 34
    assert 'role="img"' in html and "<desc" in html
    assert "<script>" not in html


def test_a_province_officer_reads_their_province_and_not_another(world):
    client = officer_of(PROVINCE)
    mine = client.get(URL, {"period": "2019"})
    assert mine.status_code == 200
    assert page_table(mine.content.decode(), "stars") == [["3★", "2"], ["4★", "1"], ["5★", "1"]]
    provinces = page_table(mine.content.decode(), "provinces")
    assert [row[0] for row in provinces] == ["Cà Mau"]
    for path in (URL, URL + "export/stars.csv", URL + "export/all.xlsx", URL + "report/"):
        assert client.get(path, {"period": "2019", "province": "01"}).status_code == 403


def test_an_officer_of_another_province_sees_none_of_this_one(staff_client, world):
    # Staff read Cà Mau first: the figures kept in the cache are not served to anyone else.
    assert staff_client.get(URL, YEAR).status_code == 200
    client = officer_of("01")
    assert client.get(URL, YEAR).status_code == 403
    assert client.get(URL + "export/provinces.csv", YEAR).status_code == 403
    html = client.get(URL, {"period": "2019"}).content.decode()
    assert "Cà Mau" not in re.search(r'data-table="provinces".*?</table>', html, re.S).group(0)


def test_cooperatives_and_visitors_may_not_read_the_dashboard(coop_a_client, anonymous_client):
    assert coop_a_client.get(URL).status_code == 403
    assert anonymous_client.get(URL).status_code == 403
    assert anonymous_client.get(URL + "export/stars.csv").status_code == 403


def test_the_csv_and_xlsx_exports_match_the_page(staff_client, world):
    html = staff_client.get(URL, YEAR).content.decode()
    for key in ("stars", "certificates", "sales_by_month", "provinces", "indicators"):
        shown = page_table(html, key)
        response = staff_client.get(URL + f"export/{key}.csv", YEAR)
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [[c.strip() for c in row] for row in rows[1:]] == shown, key
        book = load_workbook(io.BytesIO(staff_client.get(URL + f"export/{key}.xlsx", YEAR).content))
        sheet = book.worksheets[0]
        values = [
            [("" if v is None else str(v).strip()) for v in row]
            for row in sheet.iter_rows(min_row=4, values_only=True)
        ]
        assert values == shown, key


def test_the_whole_workbook_has_one_sheet_per_table(staff_client, world):
    response = staff_client.get(URL + "export/all.xlsx", YEAR)
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 13  # every table, the loans by purpose included
    stars = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=4)}
    assert stars == {"3★": 2, "4★": 1, "5★": 1}


def test_the_printable_report_is_in_vietnamese_with_print_css(staff_client, world):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(URL + "report/", YEAR).content.decode()
    assert '<html lang="vi">' in html and "print.css" in html
    assert page_table(html, "stars") == [["3★", "2"], ["4★", "1"], ["5★", "1"]]


def test_unknown_filters_fall_back_instead_of_failing(staff_client):
    response = staff_client.get(URL, {"period": "1900", "sector": "x", "map": "<b>"})
    assert response.status_code == 200
    assert staff_client.get(URL + "export/nothing.csv").status_code == 404
