"""Oscar's report generators, whose CSV downloads are written by `lib.exports` (no formulas,
local times, "Có"/"Không"; the byte-order mark comes from OSCAR_CSV_INCLUDE_BOM).

Oscar finds this module by its label (`dashboard.reports.reports`) through `get_class`, so
every report built on `ReportCSVFormatter` (orders, open baskets, products, users, offers,
vouchers) writes safe cells: their rows hold names and e-mails that buyers typed.
"""

from __future__ import annotations

from oscar.apps.dashboard.reports.reports import *  # noqa: F403
from oscar.apps.dashboard.reports.reports import ReportCSVFormatter as BaseReportCSVFormatter

from lib.exports import Writer


class ReportCSVFormatter(BaseReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return Writer(super().get_csv_writer(file_handle, **kwargs))
