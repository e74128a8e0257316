"""Label layouts as data (``data/label_layouts.json``): sticker sheets and thermal rolls.

A layout is a page size, the margins around a grid of labels, the gaps between them and
the label size. Geometry is kept in millimetres here and turned into PDF points (1/72 inch)
by the properties the drawing code reads; y counts from the bottom of the page, as in PDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext

DATA = Path(__file__).resolve().parent / "data" / "label_layouts.json"
DEFAULT = "a4-3x8"
MM = 72 / 25.4  # points in a millimetre
MIN_QR_MM = 15  # below this cheap phone cameras struggle at arm's length
SHEET_SAFE_MARGIN_MM = 5  # office printers clip up to about 4 mm along the edge of A4
TOLERANCE_MM = 0.05


class LayoutError(ValueError):
    """The layouts file describes a layout that cannot be printed as it says."""


@dataclass(frozen=True)
class Layout:
    key: str
    kind: str  # "sheet" or "roll"
    page_mm: tuple[float, float]
    label_mm: tuple[float, float]
    columns: int
    rows: int
    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left
    gap_mm: tuple[float, float]  # between columns, between rows
    padding_mm: float
    safe_margin_mm: float
    examples: str = ""

    @property
    def is_roll(self) -> bool:
        return self.kind == "roll"

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def page_size(self) -> tuple[float, float]:
        return self.page_mm[0] * MM, self.page_mm[1] * MM

    @property
    def cell(self) -> tuple[float, float]:
        return self.label_mm[0] * MM, self.label_mm[1] * MM

    @property
    def padding(self) -> float:
        return self.padding_mm * MM

    @property
    def safe_margin(self) -> float:
        return self.safe_margin_mm * MM

    @property
    def qr_size(self) -> float:
        """The printed side of a code with its quiet zone, in points: at most half a label."""
        cell_w, cell_h = self.cell
        return min(cell_h, cell_w * 0.5) - 2 * self.padding

    def origin(self, index: int) -> tuple[float, float]:
        """The lower-left corner of the ``index``-th label of a page, filled row by row."""
        top, _, _, left = self.margins_mm
        column, row = index % self.columns, index // self.columns
        x_mm = left + column * (self.label_mm[0] + self.gap_mm[0])
        y_mm = top + row * (self.label_mm[1] + self.gap_mm[1]) + self.label_mm[1]
        return x_mm * MM, (self.page_mm[1] - y_mm) * MM

    def cells(self) -> list[tuple[float, float, float, float]]:
        """Every label of a page as (x, y, width, height) in points, y from the bottom."""
        w, h = self.cell
        return [(*self.origin(i), w, h) for i in range(self.per_page)]

    def check(self) -> None:
        """Raise `LayoutError` unless the numbers add up and everything printed is readable."""
        if self.kind not in ("sheet", "roll"):
            raise LayoutError(f"{self.key}: kind must be 'sheet' or 'roll'")
        if not (1 <= self.columns <= 8 and 1 <= self.rows <= 20):
            raise LayoutError(f"{self.key}: between 1 and 8 columns and 1 and 20 rows")
        if self.is_roll and self.per_page != 1:
            raise LayoutError(f"{self.key}: a roll has one label a page")
        top, right, bottom, left = self.margins_mm
        across = (
            left + right + self.columns * self.label_mm[0] + (self.columns - 1) * self.gap_mm[0]
        )
        down = top + bottom + self.rows * self.label_mm[1] + (self.rows - 1) * self.gap_mm[1]
        if (
            abs(across - self.page_mm[0]) > TOLERANCE_MM
            or abs(down - self.page_mm[1]) > TOLERANCE_MM
        ):
            raise LayoutError(
                f"{self.key}: margins, labels and gaps add up to {across:g} × {down:g} mm, "
                f"not the page's {self.page_mm[0]:g} × {self.page_mm[1]:g} mm"
            )
        if not self.is_roll and self.safe_margin_mm < SHEET_SAFE_MARGIN_MM:
            raise LayoutError(f"{self.key}: sheets keep {SHEET_SAFE_MARGIN_MM} mm from the edge")
        if min(self.margins_mm) + self.padding_mm < self.safe_margin_mm - TOLERANCE_MM:
            raise LayoutError(f"{self.key}: the labels' content would reach the safe margin")
        if self.qr_size < MIN_QR_MM * MM:
            raise LayoutError(f"{self.key}: codes would be smaller than {MIN_QR_MM} mm")


def _layout(entry: dict) -> Layout:
    return Layout(
        key=entry["key"],
        kind=entry["kind"],
        page_mm=tuple(entry["page_mm"]),
        label_mm=tuple(entry["label_mm"]),
        columns=entry["columns"],
        rows=entry["rows"],
        margins_mm=tuple(entry["margins_mm"]),
        gap_mm=tuple(entry["gap_mm"]),
        padding_mm=entry["padding_mm"],
        safe_margin_mm=entry["safe_margin_mm"],
        examples=entry.get("examples", ""),
    )


@lru_cache(maxsize=1)
def layouts() -> dict[str, Layout]:
    """Every layout by key, in the file's order; each one checked."""
    with DATA.open(encoding="utf-8") as f:
        entries = json.load(f)["layouts"]
    found: dict[str, Layout] = {}
    for entry in entries:
        layout = _layout(entry)
        layout.check()
        if layout.key in found:
            raise LayoutError(f"{layout.key}: listed twice")
        found[layout.key] = layout
    if DEFAULT not in found:
        raise LayoutError(f"the default layout {DEFAULT} is missing")
    return found


def get(key: str) -> Layout:
    """The layout called ``key``; `LayoutError` for a key the file does not have."""
    try:
        return layouts()[key]
    except KeyError:
        raise LayoutError(f"no label layout is called {key!r}") from None


def describe(layout: Layout) -> str:
    """The layout in the reader's language, e.g. "A4 sheet: 3 × 8 labels of 70 × 37 mm"."""
    numbers = {
        "columns": layout.columns,
        "rows": layout.rows,
        "width": f"{layout.label_mm[0]:g}",
        "height": f"{layout.label_mm[1]:g}",
        "count": layout.per_page,
    }
    if layout.is_roll:
        return gettext("Thermal printer roll: one %(width)s × %(height)s mm label a page") % numbers
    return (
        gettext(
            "A4 sheet: %(columns)s × %(rows)s labels of %(width)s × %(height)s mm (%(count)s a page)"
        )
        % numbers
    )


def preview_svg(layout: Layout, box_px: int = 160) -> str:
    """A small drawing of the page: the labels, a code and lines of text in each, and the
    safe margin (dashed) that nothing is printed in. Drawn in millimetres, scaled to fit
    ``box_px`` pixels."""
    page_w, page_h = layout.page_mm
    scale = box_px / max(page_w, page_h)
    top, _, _, left = layout.margins_mm
    pad, safe = layout.padding_mm, layout.safe_margin_mm
    qr = layout.qr_size / MM
    w, h = layout.label_mm
    text_x = pad + qr + 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {page_w:g} {page_h:g}" '
        f'width="{page_w * scale:.0f}" height="{page_h * scale:.0f}" role="img">',
        f"<title>{layout.key}</title>",
        f'<rect x="0" y="0" width="{page_w:g}" height="{page_h:g}" fill="#fff" stroke="#6c757d" '
        f'stroke-width="{1 / scale:.3f}"/>',
    ]
    for i in range(layout.per_page):
        column, row = i % layout.columns, i // layout.columns
        x = left + column * (w + layout.gap_mm[0])
        y = top + row * (h + layout.gap_mm[1])
        parts.append(
            f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:g}" height="{h:g}" rx="1" fill="#f8f9fa" '
            f'stroke="#adb5bd" stroke-width="{0.8 / scale:.3f}"/>'
            f'<rect x="{x + pad:.2f}" y="{y + (h - qr) / 2:.2f}" width="{qr:.2f}" '
            f'height="{qr:.2f}" fill="#212529"/>'
        )
        line_w = max(w - text_x - pad, 1)
        for n, share in enumerate((1.0, 0.7, 0.5)):
            parts.append(
                f'<rect x="{x + text_x:.2f}" y="{y + pad + n * h / 5:.2f}" '
                f'width="{line_w * share:.2f}" height="{h / 12:.2f}" fill="#868e96"/>'
            )
    parts.append(
        f'<rect x="{safe:g}" y="{safe:g}" width="{page_w - 2 * safe:g}" '
        f'height="{page_h - 2 * safe:g}" fill="none" stroke="#dc3545" '
        f'stroke-width="{0.8 / scale:.3f}" stroke-dasharray="{3 / scale:.2f}"/></svg>'
    )
    return "".join(parts)
