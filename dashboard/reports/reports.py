"""Oscar's report generators, whose CSV downloads cannot carry formulas (lib.csvsafe).

Oscar finds this module by its label (`dashboard.reports.reports`) through `get_class`, so
every report built on `ReportCSVFormatter` (orders, open baskets, products, users, offers,
vouchers) writes safe cells: their rows hold names and e-mails that buyers typed.
"""

from __future__ import annotations

from oscar.apps.dashboard.reports.reports import *  # noqa: F403
from oscar.apps.dashboard.reports.reports import ReportCSVFormatter as BaseReportCSVFormatter

from lib.csvsafe import SafeWriter


class ReportCSVFormatter(BaseReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return SafeWriter(super().get_csv_writer(file_handle, **kwargs))
