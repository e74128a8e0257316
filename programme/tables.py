"""A figure table: what the page shows under each chart and what the CSV and XLSX exports write."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    key: str  # stable: the export URLs name it
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = ""  # "bars", "columns" or "" (a table only)
    value_column: int = 1  # the column a chart draws
    note: str = ""

    def chart_points(self) -> list[tuple[str, int]]:
        return [(str(row[0]), int(row[self.value_column] or 0)) for row in self.rows]

    @property
    def total(self) -> int:
        return sum(value for _label, value in self.chart_points())
