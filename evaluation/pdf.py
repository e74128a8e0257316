"""The certificate as an A4 PDF in Vietnamese, with a QR code to its verification page.

The PDF is a convenience: anyone can print one. The QR code leads to the live record, which
says whether the certificate is valid, expired or revoked.
"""

from __future__ import annotations

import io
from functools import lru_cache

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from lib.urls import absolute_url
from traceability.labels import FONT_DIR

from .models import Certificate

FONT, FONT_BOLD = "OcopCertificate", "OcopCertificate-Bold"


@lru_cache(maxsize=1)
def _fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSansCondensed.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf")))


def verification_url(certificate: Certificate) -> str:
    return absolute_url(certificate.get_absolute_url())


def _qr(url: str) -> ImageReader:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=8)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    return ImageReader(image)


def render(certificate: Certificate) -> bytes:
    _fonts()
    buffer = io.BytesIO()
    # The embedded font from the start: no standard font is named in the file, unembedded.
    page = canvas.Canvas(buffer, pagesize=A4, initialFontName=FONT, initialFontSize=10)
    page.setTitle(f"Giấy chứng nhận OCOP {certificate.number}")
    width, height = A4
    centre = width / 2
    page.setLineWidth(2)
    page.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    lines = [
        (FONT_BOLD, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (FONT, 11, "Độc lập - Tự do - Hạnh phúc"),
        (FONT_BOLD, 13, certificate.authority_name.upper()),
        (FONT, 10, "Liên minh Hợp tác xã Việt Nam - Sàn thương mại sản phẩm OCOP"),
        (FONT_BOLD, 22, "GIẤY CHỨNG NHẬN"),
        (FONT_BOLD, 16, "SẢN PHẨM OCOP"),
        (FONT, 11, "(Chương trình Mỗi xã một sản phẩm)"),
    ]
    y = height - 35 * mm
    for font, size, text in lines:
        page.setFont(font, size)
        page.drawCentredString(centre, y, text)
        y -= size * 1.9
    y -= 6 * mm
    page.setFont(FONT_BOLD, 18)
    page.drawCentredString(centre, y, certificate.product_name)
    y -= 12 * mm
    page.setFont(FONT_BOLD, 28)
    page.drawCentredString(centre, y, "★" * certificate.stars)
    y -= 8 * mm
    page.setFont(FONT, 12)
    page.drawCentredString(centre, y, f"Hạng {certificate.stars} sao")
    y -= 14 * mm
    producer = certificate.producer
    rows = [
        ("Chủ thể", producer.name),
        ("Địa chỉ", producer.address),
        ("Điểm đánh giá", f"{certificate.score}/100"),
        ("Quyết định công nhận", certificate.decision_number),
        ("Số giấy chứng nhận", certificate.number),
        ("Ngày cấp", f"{certificate.issued_on:%d/%m/%Y}"),
        ("Có giá trị đến", f"{certificate.expires_on:%d/%m/%Y}"),
    ]
    for label, value in rows:
        if not value:
            continue
        page.setFont(FONT, 11)
        page.drawString(30 * mm, y, f"{label}:")
        page.setFont(FONT_BOLD, 11)
        page.drawString(75 * mm, y, str(value)[:80])
        y -= 8 * mm
    url = verification_url(certificate)
    size = 45 * mm
    page.drawImage(_qr(url), centre - size / 2, 32 * mm, size, size)
    page.setFont(FONT, 9)
    page.drawCentredString(
        centre, 26 * mm, "Quét mã để kiểm tra hiệu lực: trang xác minh là căn cứ duy nhất."
    )
    page.drawCentredString(centre, 21 * mm, url)
    page.showPage()
    page.save()
    return buffer.getvalue()
