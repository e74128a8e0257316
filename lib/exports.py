"""How every export writes a cell and a CSV file, so that a spreadsheet shows what a page shows.

Staff open exports in Excel on Windows and in LibreOffice. So every export:

- starts a CSV file with a UTF-8 byte-order mark (`BOM`): without it Excel reads Vietnamese
  as Windows-1258 mojibake;
- writes times in the site's time zone (Asia/Ho_Chi_Minh), to the minute: `2026-12-03 14:05`
  sorts as text and Excel reads it as a date in any locale;
- writes whole amounts without decimals (dong have none), yes/no as "Có"/"Không" (the reader's language), labels rather than stored values
  (a choice field's label, a status's label), lists as "a; b";
- writes typed text through `lib.csvsafe`, never as a formula.

`cell` is for CSV (text), `xlsx_cell` for openpyxl (numbers and times stay typed).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext

from . import csvsafe

BOM = "\ufeff"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATE_FORMAT = "%Y-%m-%d"


def local_time(value: datetime.datetime) -> datetime.datetime:
    """A naive datetime in the site's time zone, to the minute."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, second=0, microsecond=0)


def yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def _plain(value: Any) -> Any:
    """What a value is shown as, before the format decides about numbers and times."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return "; ".join(str(_plain(item)) for item in value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def cell(value: Any) -> Any:
    """One CSV cell: text, numbers as they are, times local to the minute, never a formula."""
    value = _plain(value)
    if isinstance(value, datetime.datetime):
        return local_time(value).strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)  # dong have no decimals: 100000, not 100000.00
    return csvsafe.safe_cell(value)


def xlsx_cell(value: Any) -> Any:
    """One XLSX cell: like `cell`, but numbers and times stay typed for the spreadsheet."""
    value = _plain(value)
    if isinstance(value, datetime.datetime):
        return local_time(value)
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return csvsafe.safe_cell(value)


def row(values: Iterable[Any]) -> list[Any]:
    return [cell(value) for value in values]


def choice_label(instance: models.Model, field_name: str) -> Any:
    """A field's value as a person reads it: a choice's label, else the value."""
    try:
        field = instance._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - not a model field: an attribute or a method
        return getattr(instance, field_name)
    if getattr(field, "choices", None):
        return getattr(instance, f"get_{field_name}_display")()
    if field.many_to_many:
        return getattr(instance, field_name).all()
    return getattr(instance, field_name)


def csv_response(filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]):
    """A CSV download that Excel opens with its Vietnamese intact."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csvsafe.csv.writer(response)
    writer.writerow(row(header))
    for values in rows:
        writer.writerow(row(values))
    return response


class Writer:
    """Wraps any writer with `writerow` (csv.writer, Oscar's UnicodeCSVWriter): cells by `cell`."""

    def __init__(self, writer) -> None:
        self._writer = writer

    def writerow(self, values: Iterable[Any]):
        return self._writer.writerow(row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)
