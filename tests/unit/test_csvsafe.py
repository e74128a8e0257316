"""lib.csvsafe: text that a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from lib import csvsafe


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example/","Bấm vào đây")',
        "+84 912 345 678",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_prefixes_text_that_starts_like_a_formula(value):
    assert csvsafe.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Nguyễn Văn A", "0912 345 678", "a=b", "", " =1"])
def test_it_leaves_ordinary_text_alone(value):
    assert csvsafe.safe_cell(value) == value


@pytest.mark.parametrize(
    "value", [-5, Decimal("-120000"), -1.5, None, True, datetime.date(2025, 7, 1)]
)
def test_it_leaves_numbers_dates_and_empty_cells_alone(value):
    assert csvsafe.safe_cell(value) is value


def test_lazy_translations_are_text_too():
    assert csvsafe.safe_cell(gettext_lazy("=1+1")) == "'=1+1"


def test_the_writer_writes_every_row_safe():
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(["=1+1", "Trà", -3])
    writer.writerows([["@x", "+y"], ["ok", "-z"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["'=1+1", "Trà", "-3"],
        ["'@x", "'+y"],
        ["ok", "'-z"],
    ]


def test_it_wraps_any_writer_with_writerow():
    rows = []

    class Collecting:
        def writerow(self, row):
            rows.append(row)

    csvsafe.SafeWriter(Collecting()).writerow(("=cmd", 1))
    assert rows == [["'=cmd", 1]]
