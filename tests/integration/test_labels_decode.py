"""An independent decoder (zxing-cpp's reader) gets back exactly the URIs stored for each label."""

from __future__ import annotations

import io
import re

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from tests.factories import BatchFactory
from traceability import labels
from traceability.models import Serial
from traceability.tasks import build_sheet

pytestmark = pytest.mark.django_db


def decode(image) -> list[str]:
    return [
        result.text
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def pdf_pages(data: bytes, dpi: int = 200) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(data)
    return [page.render(scale=dpi / 72).to_pil() for page in document]


def svg_image(svg: str, module_px: int = 8) -> Image.Image:
    """Rasterise the SVG's single path of unit rectangles, as a browser would draw it."""
    side = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = Image.new("L", (side * module_px,) * 2, 255)
    draw = ImageDraw.Draw(image)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        x, y, w = int(x), int(y), int(w)
        draw.rectangle(
            (x * module_px, y * module_px, (x + w) * module_px - 1, (y + 1) * module_px - 1), fill=0
        )
    return image


@pytest.fixture
def batch():
    return BatchFactory(lot="25/07-A")


def test_a_png_decodes_to_the_batch_uri(batch):
    image = Image.open(io.BytesIO(labels.png(batch.uri)))
    assert image.mode == "1"
    assert decode(image) == [batch.uri]


def test_an_svg_decodes_to_the_batch_uri(batch):
    svg = labels.svg(batch.uri)
    assert svg.startswith("<svg") and 'shape-rendering="crispEdges"' in svg
    assert decode(svg_image(svg)) == [batch.uri]


def test_a_serial_png_decodes_to_the_serial_uri(batch):
    Serial.issue(batch, 1)
    serial = batch.serials.get()
    assert decode(Image.open(io.BytesIO(labels.png(serial.uri)))) == [serial.uri]
    assert "%2F" in serial.uri  # the lot's slash travels encoded


def test_every_label_of_a_serialised_sheet_decodes_to_its_serial(batch):
    run = batch.label_runs.create(serialised=True, quantity=30, layout="a4-3x8")
    build_sheet(run)
    run.refresh_from_db()
    assert run.status == run.Status.DONE and run.done == 30
    pages = pdf_pages(run.file.read())
    assert len(pages) == 2
    expected = [
        batch.serial_uri(code) for code in run.serials.order_by("pk").values_list("code", flat=True)
    ]
    assert sorted(decode(pages[0])) == sorted(expected[:24])
    assert sorted(decode(pages[1])) == sorted(expected[24:])
    assert len(set(expected)) == 30


def test_a_batch_code_sheet_repeats_the_batch_uri(batch):
    run = batch.label_runs.create(serialised=False, quantity=12, layout="a4-2x7")
    build_sheet(run)
    run.refresh_from_db()
    (page,) = pdf_pages(run.file.read())
    assert decode(page) == [batch.uri] * 12
    assert not run.serials.exists()


def test_the_sheet_prints_name_lot_and_expiry_in_vietnamese(batch):
    out = io.BytesIO()
    text = labels.LabelText(title="Chè Thái Nguyên đặc sản", lot="25/07-A", expires="01/07/2026")
    labels.write_sheet(out, [(batch.uri, "")], text)
    document = pypdfium2.PdfDocument(out.getvalue())
    printed = " ".join(document[0].get_textpage().get_text_range().split())
    assert "Chè Thái Nguyên đặc sản" in printed
    assert "Lô/Lot: 25/07-A" in printed and "HSD/EXP: 01/07/2026" in printed
