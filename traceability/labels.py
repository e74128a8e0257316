"""QR codes and print-ready labels: PNG, SVG, and PDF sheets in the layouts of label_layouts.

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
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import label_layouts
from .codes import CODE_ALPHABET, SERIAL_LENGTH
from .label_layouts import MIN_QR_MM, Layout

__all__ = ["MIN_QR_MM", "Layout", "LabelText", "write_sheet", "png", "svg", "qr_matrix"]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "OcopLabel", "OcopLabel-Bold"
QUIET_ZONE = 4  # modules of white around a code, as ISO/IEC 18004 asks
EC_LEVEL = "M"  # recovers about 15% damage: scuffed stickers still scan
CUT_MARK_MM = 3  # arms of the cut marks, drawn along the cut lines
CUT_MARK_WIDTH = 0.4  # points: a hairline that still shows after a cheap printer

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
class LabelText:
    """What every sticker of a batch says beside its code."""

    title: str
    lot: str
    expires: str = ""  # already formatted, e.g. 31/12/2026


def write_sheet(
    out,
    uris: Iterable[tuple[str, str]],
    text: LabelText,
    layout: Layout | None = None,
    *,
    plain_paper: bool = False,
    scale_note: bool = False,
    on_progress: Callable[[int], None] | None = None,
    progress_every: float = 0.5,
) -> int:
    """Write a PDF of labels to ``out``: one per (uri, caption), caption under the text.

    ``plain_paper`` adds cut marks (sheets only); ``scale_note`` puts a first page asking
    to print at 100 % with a ruler to check it. Nothing is drawn in the layout's safe
    margin, and the only fonts are the embedded subsets of DejaVu Sans Condensed.

    ``on_progress(n)`` is called with the number of labels drawn, at most every
    ``progress_every`` seconds and once at the end. Returns the number of labels.
    """
    layout = layout or label_layouts.get(label_layouts.DEFAULT)
    layout.check()
    if plain_paper and layout.is_roll:
        raise ValueError("cut marks are for sheets, not rolls")
    _register_fonts()
    # The initial font is ours too: reportlab's default would list a Helvetica it never embeds.
    pdf = canvas.Canvas(
        out,
        pagesize=layout.page_size,
        pageCompression=1,
        initialFontName=FONT,
        initialFontSize=6,
    )
    pdf.setTitle(f"{text.title} – {text.lot}")
    pdf.setCreator("OCOP Marketplace")
    if scale_note:
        _draw_scale_note(pdf, layout)
        pdf.showPage()
    cell_w, cell_h = layout.cell
    pad, qr = layout.padding, layout.qr_size
    # The text common to every sticker is drawn once, as a form, and placed on each.
    text_x = pad + qr + 2 * mm
    text_w = cell_w - text_x - pad
    caption_size = _draw_common_text(pdf, text, text_x, text_w, cell_h, pad)
    if plain_paper:
        _define_cut_marks(pdf, layout)
    qr_y = (cell_h - qr) / 2
    # Captions sit on the padding with their descenders (Q, J), not their baseline.
    caption_y = pad - pdfmetrics.getDescent(FONT, caption_size)
    count, last_report = 0, time.monotonic()

    def new_page():
        if plain_paper:
            pdf.doForm("cutmarks")
        captions = pdf.beginText()
        captions.setFont(FONT, caption_size)
        return captions

    captions = new_page()
    for count, (uri, caption) in enumerate(uris, start=1):
        slot = (count - 1) % layout.per_page
        if slot == 0 and count > 1:
            pdf.drawText(captions)
            pdf.showPage()
            captions = new_page()
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
            fits = min(caption_size, text_w / pdfmetrics.stringWidth(caption, FONT, 1))
            if fits != caption_size:
                captions.setFont(FONT, fits)
            captions.setTextOrigin(x + text_x, y + caption_y)
            captions.textOut(caption)
            if fits != caption_size:
                captions.setFont(FONT, caption_size)
        if on_progress and time.monotonic() - last_report >= progress_every:
            on_progress(count)
            last_report = time.monotonic()
    pdf.drawText(captions)
    pdf.showPage()
    pdf.save()
    if on_progress:
        on_progress(count)
    return count


def _fit(size: float, width: float, *lines: str, font: str = FONT, smallest: float = 4.5) -> float:
    """``size``, or smaller so that the widest of ``lines`` fits ``width`` (not below ``smallest``)."""
    widest = max((pdfmetrics.stringWidth(line, font, 1) for line in lines if line), default=0)
    return max(smallest, min(size, width / widest)) if widest else size


def _draw_common_text(
    pdf, text: LabelText, x: float, width: float, cell_h: float, pad: float
) -> float:
    """Define the form "common" (title, lot, expiry); return the size for the captions."""
    lot_line = f"Lô/Lot: {text.lot}"
    expiry_line = f"HSD/EXP: {text.expires}" if text.expires else ""
    size = _fit(7.5 if width > 30 * mm else 6, width, lot_line, expiry_line)
    # A serial's 15 characters fit the column (shrunk further, one by one, if one does not).
    widest_code = max(pdfmetrics.stringWidth(c, FONT, 1) for c in CODE_ALPHABET) * SERIAL_LENGTH
    caption_size = max(4, min(size, width / widest_code))
    # Title lines fit between the top and the lot, expiry and caption lines below them.
    room = cell_h - 2 * pad - size * (1.3 + (1.25 if expiry_line else 0)) - caption_size * 1.6
    title_lines = max(1, min(3, int(room // (size * 1.2))))
    pdf.beginForm("common")
    # Whatever is too long is cut at the label's padding, never printed on its neighbour.
    clip, inset = pdf.beginPath(), 0.2 * mm  # renderers' anti-aliasing bleeds past a clip
    clip.rect(x, pad + inset, width - inset, cell_h - 2 * (pad + inset))
    pdf.clipPath(clip, stroke=0, fill=0)
    lines = simpleSplit(text.title, FONT_BOLD, size, width)[:title_lines]
    y = cell_h - pad - size
    pdf.setFont(FONT_BOLD, size)
    for line in lines:
        pdf.drawString(x, y, line)
        y -= size * 1.2
    y -= size * 0.3
    pdf.setFont(FONT, size)
    pdf.drawString(x, y, lot_line)
    if expiry_line:
        pdf.drawString(x, y - size * 1.25, expiry_line)
    pdf.endForm()
    return caption_size


def cut_lines(layout: Layout) -> tuple[list[float], list[float]]:
    """The x and y (points) of the labels' edges that can be marked: inside the safe area."""
    page_w, page_h = layout.page_size
    keep = layout.safe_margin + CUT_MARK_WIDTH

    def inside(values, top):
        return sorted({round(v, 3) for v in values if keep <= v <= top - keep})

    cells = layout.cells()
    return (
        inside([v for x, _, w, _ in cells for v in (x, x + w)], page_w),
        inside([v for _, y, _, h in cells for v in (y, y + h)], page_h),
    )


def _define_cut_marks(pdf, layout: Layout) -> None:
    """The form "cutmarks": a cross at every corner of the labels, and where a cut line runs
    into the safe margin, a tick along it from the margin inwards. Nothing in the margin."""
    page_w, page_h = layout.page_size
    low = layout.safe_margin + CUT_MARK_WIDTH
    arm = CUT_MARK_MM * mm
    xs, ys = cut_lines(layout)
    cells = layout.cells()
    grid_left, grid_bottom = min(c[0] for c in cells), min(c[1] for c in cells)
    grid_right = max(c[0] + c[2] for c in cells)
    grid_top = max(c[1] + c[3] for c in cells)
    segments = []
    for x in xs:
        for y in ys:
            segments += [(x - arm, y, x + arm, y), (x, y - arm, x, y + arm)]
        if grid_bottom < low:
            segments.append((x, low, x, low + arm))
        if grid_top > page_h - low:
            segments.append((x, page_h - low, x, page_h - low - arm))
    for y in ys:
        if grid_left < low:
            segments.append((low, y, low + arm, y))
        if grid_right > page_w - low:
            segments.append((page_w - low, y, page_w - low - arm, y))
    pdf.beginForm("cutmarks")
    pdf.setLineWidth(CUT_MARK_WIDTH)
    pdf.setStrokeGray(0)
    path = pdf.beginPath()
    for x1, y1, x2, y2 in segments:
        x1, x2 = (min(max(v, low), page_w - low) for v in (x1, x2))
        y1, y2 = (min(max(v, low), page_h - low) for v in (y1, y2))
        path.moveTo(x1, y1)
        path.lineTo(x2, y2)
    pdf.drawPath(path, stroke=1, fill=0)
    pdf.endForm()


def _draw_scale_note(pdf, layout: Layout) -> None:
    """A first page: print at 100 % (no "fit to page"), and a ruler to measure that it was."""
    page_w, page_h = layout.page_size
    edge = layout.safe_margin + 2 * mm
    width = page_w - 2 * edge
    if layout.is_roll:
        size = 5.5
        ruler_mm = int((width / mm) // 10 * 10)
        lines = [(FONT_BOLD, "In 100 % · Print at 100 %"), (FONT, f"{ruler_mm} mm")]
    else:
        size = 11
        ruler_mm = 100
        lines = [
            (FONT_BOLD, "In ở tỉ lệ 100 % (kích thước thật) · Print at 100 % (actual size)"),
            (FONT, "Trong hộp thoại in, tắt “Vừa trang” / “Fit to page” và chọn đúng khổ giấy."),
            (FONT, "In the print dialog, turn off “Fit to page” and choose the right paper size."),
            (FONT, f"Đoạn thẳng dưới đây dài {ruler_mm} mm: đo lại để kiểm tra."),
            (FONT, f"The line below is {ruler_mm} mm long: measure it to check."),
            (FONT, f"Khổ nhãn / Layout: {layout.key}"),
        ]
    y = page_h - edge - size
    for font, line in lines:
        for part in simpleSplit(line, font, size, width):
            pdf.setFont(font, size)
            pdf.drawString(edge, y, part)
            y -= size * 1.3
    y -= 2 * mm
    pdf.setLineWidth(0.6)
    pdf.line(edge, y, edge + ruler_mm * mm, y)
    tick = 1.5 * mm
    for n in range(0, ruler_mm + 1, 10):
        pdf.line(edge + n * mm, y, edge + n * mm, y + (tick if n % 50 else 2 * tick))
