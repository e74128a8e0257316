"""The dashboard's tables as CSV and XLSX files, written from the same `Table` the page shows."""

from __future__ import annotations

import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from lib import exports

from .tables import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(table: Table, filename: str) -> HttpResponse:
    return exports.csv_response(filename, table.columns, table.rows)


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Sheet"
    name, n = clean, 2
    while name in used:
        name, n = f"{clean[:26]} {n}", n + 1
    used.add(name)
    return name


def workbook(tables: list[Table], heading: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append([heading])
        sheet.append([table.title])
        sheet.append(table.columns)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([exports.xlsx_cell(value) for value in row])
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(tables: list[Table], heading: str, filename: str) -> HttpResponse:
    return _attachment(HttpResponse(workbook(tables, heading), content_type=XLSX), filename)
