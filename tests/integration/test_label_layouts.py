"""Print-ready label layouts (data/label_layouts.json), checked on the PDF a run produces.

Each layout's page is rendered at 300 dpi with pdfium and read by zxing-cpp's decoder:
every code on it decodes to one of the run's serials; nothing is printed in the safe
margin (5 mm on A4); plain paper has cut marks at the labels' corners and stickers none;
the only fonts are embedded ones.
"""

from __future__ import annotations

import io
import json
import math

import pypdfium2
import pytest
import zxingcpp

from tests.factories import BatchFactory
from tests.pdfs import font_report
from traceability import label_layouts, labels
from traceability.tasks import build_sheet

pytestmark = pytest.mark.django_db

DPI = 300
PX_PER_MM = DPI / 25.4
PT_PER_MM = 72 / 25.4
LAYOUTS = list(label_layouts.layouts().values())
SHEETS = [layout for layout in LAYOUTS if not layout.is_roll]


@pytest.fixture
def batch():
    return BatchFactory(lot="25/07-A", product__title="Chè Thái Nguyên đặc sản Tân Cương")


def make_run(batch, layout, **options):
    run = batch.label_runs.create(
        serialised=True, quantity=layout.per_page, layout=layout.key, **options
    )
    build_sheet(run)
    run.refresh_from_db()
    assert run.status == run.Status.DONE, run.error
    return run


def render(data: bytes):
    document = pypdfium2.PdfDocument(data)
    return document, [page.render(scale=DPI / 72, grayscale=True).to_pil() for page in document]


def decode(image) -> list[str]:
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [result.text for result in found]


def margin_ink(image, page_mm, safe_mm) -> int:
    """Dark pixels lying wholly within ``safe_mm`` of the page's edge."""
    width, height = image.size
    inner_left = math.floor(safe_mm * PX_PER_MM)  # pixels 0 … inner_left-1 are in the band
    right = math.ceil((page_mm[0] - safe_mm) * PX_PER_MM)
    bottom = math.ceil((page_mm[1] - safe_mm) * PX_PER_MM)
    bands = [
        (0, 0, width, inner_left),
        (0, bottom, width, height),
        (0, 0, inner_left, height),
        (right, 0, width, height),
    ]
    return sum(
        sum(1 for value in image.crop(box).getdata() if value < 250)
        for box in bands
        if box[2] > box[0] and box[3] > box[1]
    )


def darkest_near(image, page_h_mm, x_mm, y_mm_from_bottom, radius_mm=0.6) -> int:
    x = x_mm * PX_PER_MM
    y = (page_h_mm - y_mm_from_bottom) * PX_PER_MM
    r = radius_mm * PX_PER_MM
    return min(image.crop((int(x - r), int(y - r), int(x + r) + 1, int(y + r) + 1)).getdata())


def corners_to_mark(layout) -> list[tuple[float, float]]:
    """Corners of labels (mm from the left and bottom) far enough inside the safe area."""
    keep = layout.safe_margin_mm + 1
    page_w, page_h = layout.page_mm
    corners = set()
    for x, y, w, h in layout.cells():
        for cx in (x, x + w):
            for cy in (y, y + h):
                cx_mm, cy_mm = round(cx / PT_PER_MM, 2), round(cy / PT_PER_MM, 2)
                if keep <= cx_mm <= page_w - keep and keep <= cy_mm <= page_h - keep:
                    corners.add((cx_mm, cy_mm))
    return sorted(corners)


def test_every_layout_in_the_file_adds_up_and_a4_keeps_5_mm():
    keys = [layout.key for layout in LAYOUTS]
    for key in ("a4-3x8", "a4-2x7", "a4-4x10", "roll-50x30", "roll-40x25"):
        assert key in keys
    assert label_layouts.get("a4-3x8").label_mm == (70, 37)
    assert {label_layouts.get(k).label_mm for k in ("roll-50x30", "roll-40x25")} == {
        (50, 30),
        (40, 25),
    }
    for layout in SHEETS:
        assert layout.page_mm == (210, 297) and layout.safe_margin_mm >= 5
    for layout in LAYOUTS:
        layout.check()


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.key)
def test_each_layout_decodes_fully_keeps_its_margin_and_embeds_its_fonts(batch, layout):
    plain = not layout.is_roll
    run = make_run(batch, layout, plain_paper=plain, scale_note=True)
    data = run.file.read()
    document, (note, page) = render(data)
    # The first page asks for 100 % and carries no code.
    assert "100 %" in document[0].get_textpage().get_text_range()
    assert decode(note) == []
    # Every label of the page decodes, to exactly the run's serials.
    expected = sorted(batch.serial_uri(code) for code in run.serials.values_list("code", flat=True))
    assert len(expected) == layout.per_page
    assert sorted(decode(page)) == expected
    # Nothing printed within the safe margin, cut marks included.
    assert page.size == (
        math.ceil(layout.page_mm[0] * PX_PER_MM - 0.01),
        math.ceil(layout.page_mm[1] * PX_PER_MM - 0.01),
    )
    for image in (note, page):
        assert margin_ink(image, layout.page_mm, layout.safe_margin_mm) == 0
    # Only embedded fonts, and no font declared that is not.
    fonts = font_report(document, data)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("DejaVuSansCondensed" in name for name, _ in fonts), fonts


@pytest.mark.parametrize("layout", SHEETS, ids=lambda layout: layout.key)
def test_plain_paper_has_cut_marks_at_the_corners_and_stickers_have_none(batch, layout):
    corners = corners_to_mark(layout)
    assert corners, "every sheet has label corners inside its safe area"
    page_h = layout.page_mm[1]
    _, (plain,) = render(make_run(batch, layout, plain_paper=True).file.read())
    _, (stickers,) = render(make_run(batch, layout).file.read())
    for x, y in corners:
        assert darkest_near(plain, page_h, x, y) < 128, ("no cut mark", x, y)
        assert darkest_near(stickers, page_h, x, y) > 250, ("ink on a sticker's corner", x, y)
    # Where a cut line runs into the margin, a mark starts at the margin and runs inwards.
    xs, ys = labels.cut_lines(layout)
    top_of_grid = max(y + h for _, y, _, h in layout.cells()) / PT_PER_MM
    if top_of_grid > page_h - layout.safe_margin_mm:
        for x in xs:
            y = page_h - layout.safe_margin_mm - 1.5
            assert darkest_near(plain, page_h, x / PT_PER_MM, y) < 128, ("no tick", x)
    assert margin_ink(plain, layout.page_mm, layout.safe_margin_mm) == 0


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.key)
def test_long_words_and_descenders_stay_out_of_the_margin(layout):
    """The longest title, a long lot and captions full of descenders (Q, J) still leave the
    margin blank and every code readable."""
    title = "Mật ong hoa cà phê nguyên chất Đắk Lắk, thu hoạch vụ xuân, đóng chai thủy tinh " * 3
    text = labels.LabelText(title, "LÔ-QJ-2025/07/31-ĐẶC-BIỆT-XUẤT-KHẨU", "31/12/2027")
    uris = [(f"https://ocop.test/01/08930000000017/21/QJ{i:013d}", f"QJ{i:013d}") for i in range(layout.per_page)]  # fmt: skip
    out = io.BytesIO()
    labels.write_sheet(out, uris, text, layout, plain_paper=not layout.is_roll)
    _, (page,) = render(out.getvalue())
    assert margin_ink(page, layout.page_mm, layout.safe_margin_mm) == 0
    assert sorted(decode(page)) == sorted(uri for uri, _ in uris)


def test_rolls_refuse_cut_marks():
    with pytest.raises(ValueError):
        labels.write_sheet(
            io.BytesIO(),
            [],
            labels.LabelText("x", "y"),
            label_layouts.get("roll-50x30"),
            plain_paper=True,
        )


def test_a_layout_that_does_not_add_up_is_refused():
    good = label_layouts.get("a4-2x7")
    too_wide = label_layouts.Layout(**{**good.__dict__, "label_mm": (105, 38.1)})
    with pytest.raises(label_layouts.LayoutError, match="add up"):
        too_wide.check()
    in_margin = label_layouts.Layout(**{**good.__dict__, "padding_mm": 0})
    with pytest.raises(label_layouts.LayoutError, match="safe margin"):
        in_margin.check()
    tiny = label_layouts.Layout(
        **{**good.__dict__, "columns": 4, "label_mm": (48.3, 38.1), "gap_mm": (2.5, 0)}
    )
    tiny.check()  # 4 across fits the page, and its codes are still 18 mm
    tinier = label_layouts.Layout(**{**tiny.__dict__, "label_mm": (48.3, 19.05), "rows": 14})
    with pytest.raises(label_layouts.LayoutError, match="smaller than 15 mm"):
        tinier.check()
    with pytest.raises(label_layouts.LayoutError):
        label_layouts.get("a4-99x99")


def test_a_broken_layouts_file_fails_the_system_check(tmp_path, monkeypatch):
    from traceability.checks import check_label_layouts

    assert check_label_layouts(None) == []
    data = json.loads(label_layouts.DATA.read_text(encoding="utf-8"))
    data["layouts"][1]["label_mm"] = [105, 38.1]  # 2 × 105 mm and margins: wider than A4
    broken = tmp_path / "label_layouts.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(label_layouts, "DATA", broken)
    try:
        (error,) = check_label_layouts(None)
        assert error.id == "traceability.E001" and "a4-2x7" in error.msg
    finally:
        monkeypatch.undo()
        label_layouts.layouts.cache_clear()
    assert len(label_layouts.layouts()) == len(LAYOUTS)
