"""CSV cells that a spreadsheet will not run: text starting like a formula gets an apostrophe.

Buyers, cooperatives and applicants type names, addresses and notes that staff later open in
Excel or LibreOffice. A cell such as `=HYPERLINK("http://…","Bấm vào đây")` would run there as
a formula (CSV injection); prefixed with `'` it shows as the text it is. Every CSV export of
the project writes its rows through this module.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise

# What spreadsheets read as the start of a formula (OWASP's list): =, +, -, @, tab, return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, with `'` before text that starts like a formula; numbers and dates unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


class SafeWriter:
    """Wraps any writer with `writerow` (csv.writer, Oscar's UnicodeCSVWriter) to write safe cells."""

    def __init__(self, writer) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, **kwargs) -> SafeWriter:
    """`csv.writer(file, **kwargs)` that writes safe cells."""
    return SafeWriter(csv.writer(file, **kwargs))
