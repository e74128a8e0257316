"""QR codes and print-ready label sheets: PNG, SVG and A4 PDF with a grid of stickers.

The QR encoder is zxing-cpp: measured here it takes about 0.4 ms a code against 7-8 ms
for the pure-Python qrcode and segno (bench/README.md), which is what lets a 10,000-label
sheet finish in seconds. Codes are drawn as 1-bit image masks, one module a pixel, which
PDF renderers and printers scale without smoothing, so edges stay sharp.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import zxingcpp
from PIL import Image, ImageOps
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "OcopLabel", "OcopLabel-Bold"
QUIET_ZONE = 4  # modules of white around a code, as ISO/IEC 18004 asks
EC_LEVEL = "M"  # recovers about 15% damage: scuffed stickers still scan
MIN_QR_MM = 15  # below this cheap phone cameras struggle at arm's length

# Pure-Python ASCII85 costs about a third of a big sheet's time; compressed streams don't need it.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Matrix:
    size: int  # modules a side, without the quiet zone
    dark: bytes  # size × size bytes, row by row from the top; 0 is dark, 255 light

    def is_dark(self, x: int, y: int) -> bool:
        return self.dark[y * self.size + x] == 0


def qr_matrix(text: str) -> Matrix:
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=EC_LEVEL)
    image = memoryview(barcode.to_image(scale=1, add_quiet_zones=False))
    return Matrix(image.shape[0], image.tobytes())


def png(text: str, module_px: int = 10) -> bytes:
    """A PNG of the code with its quiet zone, ``module_px`` pixels a module, 1 bit deep."""
    matrix = qr_matrix(text)
    image = Image.frombytes("L", (matrix.size, matrix.size), matrix.dark)
    image = ImageOps.expand(image, border=QUIET_ZONE, fill=255)
    image = image.resize((image.width * module_px,) * 2, Image.Resampling.NEAREST).convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _runs(matrix: Matrix) -> Iterable[tuple[int, int, int]]:
    """Horizontal runs of dark modules as (x, y, length), y counted from the top."""
    n = matrix.size
    for y in range(n):
        row = matrix.dark[y * n : (y + 1) * n]
        x = 0
        while x < n:
            if row[x] == 0:
                start = x
                while x < n and row[x] == 0:
                    x += 1
                yield start, y, x - start
            else:
                x += 1


def svg(text: str, module_px: int = 10) -> str:
    """A scalable SVG of the code: one path, quiet zone included, crisp at any size."""
    matrix = qr_matrix(text)
    side = matrix.size + 2 * QUIET_ZONE
    path = "".join(f"M{x + QUIET_ZONE} {y + QUIET_ZONE}h{w}v1h-{w}z" for x, y, w in _runs(matrix))
    pixels = side * module_px
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" width="{pixels}" '
        f'height="{pixels}" shape-rendering="crispEdges"><title>{_xml(text)}</title>'
        f'<rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>'
    )


def _xml(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _image_mask(matrix: Matrix) -> str:
    """The code as an inline 1-bit PDF image mask (unit square; the caller scales it)."""
    packed = Image.frombytes("L", (matrix.size, matrix.size), matrix.dark).convert(
        "1", dither=Image.Dither.NONE
    )
    # In a mode "1" image dark is 0, and an image mask paints its 0 samples: no inversion.
    return f"BI /W {matrix.size} /H {matrix.size} /IM true /BPC 1 /F /AHx ID {packed.tobytes().hex()}> EI"


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSansCondensed.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf")))


@dataclass(frozen=True)
class Layout:
    """A grid of stickers on an A4 sheet; the default is the common 3 × 8 (70 × 37 mm)."""

    columns: int = 3
    rows: int = 8
    margin_mm: float = 0
    padding_mm: float = 3

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def cell(self) -> tuple[float, float]:
        width, height = A4
        margin = self.margin_mm * mm
        return (width - 2 * margin) / self.columns, (height - 2 * margin) / self.rows

    @property
    def qr_size(self) -> float:
        """The printed side of a code with its quiet zone, in points."""
        cell_w, cell_h = self.cell
        return min(cell_h, cell_w * 0.5) - 2 * self.padding_mm * mm

    def check(self) -> None:
        if not (1 <= self.columns <= 8 and 1 <= self.rows <= 20):
            raise ValueError("between 1 and 8 columns and 1 and 20 rows")
        if self.qr_size < MIN_QR_MM * mm:
            raise ValueError(f"codes would be smaller than {MIN_QR_MM} mm")

    def origin(self, index: int) -> tuple[float, float]:
        """The lower-left corner of the ``index``-th sticker of a page, filled row by row."""
        cell_w, cell_h = self.cell
        _, height = A4
        margin = self.margin_mm * mm
        column, row = index % self.columns, index // self.columns
        return margin + column * cell_w, height - margin - (row + 1) * cell_h


@dataclass(frozen=True)
class LabelText:
    """What every sticker of a batch says beside its code."""

    title: str
    lot: str
    expires: str = ""  # already formatted, e.g. 31/12/2026


def write_sheet(
    out,
    uris: Iterable[tuple[str, str]],
    text: LabelText,
    layout: Layout = Layout(),
    on_progress: Callable[[int], None] | None = None,
    progress_every: float = 0.5,
) -> int:
    """Write a PDF of stickers to ``out``: one per (uri, caption), caption under the text.

    ``on_progress(n)`` is called with the number of labels drawn, at most every
    ``progress_every`` seconds and once at the end. Returns the number of labels.
    """
    layout.check()
    _register_fonts()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{text.title} – {text.lot}")
    pdf.setCreator("OCOP Marketplace")
    cell_w, cell_h = layout.cell
    pad, qr = layout.padding_mm * mm, layout.qr_size
    # The text common to every sticker is drawn once, as a form, and placed on each.
    text_x = pad + qr + 2 * mm
    text_w = cell_w - text_x - pad
    _draw_common_text(pdf, text, text_x, text_w, cell_h, pad)
    qr_y = (cell_h - qr) / 2
    count, last_report = 0, time.monotonic()
    captions = pdf.beginText()
    captions.setFont(FONT, 6)
    for count, (uri, caption) in enumerate(uris, start=1):
        slot = (count - 1) % layout.per_page
        if slot == 0 and count > 1:
            pdf.drawText(captions)
            pdf.showPage()
            captions = pdf.beginText()
            captions.setFont(FONT, 6)
        x, y = layout.origin(slot)
        matrix = qr_matrix(uri)
        # Scale the unit-square mask to the code without its quiet zone.
        module = qr / (matrix.size + 2 * QUIET_ZONE)
        inner = module * matrix.size
        left, bottom = x + pad + module * QUIET_ZONE, y + qr_y + module * QUIET_ZONE
        pdf.addLiteral(
            f"q {inner:.3f} 0 0 {inner:.3f} {left:.3f} {bottom:.3f} cm {_image_mask(matrix)} Q"
        )
        pdf.addLiteral(f"q 1 0 0 1 {x:.3f} {y:.3f} cm")
        pdf.doForm("common")
        pdf.addLiteral("Q")
        if caption:
            captions.setTextOrigin(x + text_x, y + pad)
            captions.textOut(caption)
        if on_progress and time.monotonic() - last_report >= progress_every:
            on_progress(count)
            last_report = time.monotonic()
    pdf.drawText(captions)
    pdf.showPage()
    pdf.save()
    if on_progress:
        on_progress(count)
    return count


def _draw_common_text(
    pdf, text: LabelText, x: float, width: float, cell_h: float, pad: float
) -> None:
    pdf.beginForm("common")
    size = 7.5 if width > 30 * mm else 6
    lines = simpleSplit(text.title, FONT_BOLD, size, width)[:3]
    y = cell_h - pad - size
    pdf.setFont(FONT_BOLD, size)
    for line in lines:
        pdf.drawString(x, y, line)
        y -= size * 1.2
    y -= size * 0.3
    pdf.setFont(FONT, size)
    pdf.drawString(x, y, f"Lô/Lot: {text.lot}")
    if text.expires:
        pdf.drawString(x, y - size * 1.25, f"HSD/EXP: {text.expires}")
    pdf.endForm()
