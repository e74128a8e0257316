"""Applying to sell: the form and its errors, in Vietnamese and English, and nothing saved on error."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from producers.models import Producer
from tests.personas import COOPERATIVE_A

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
URL = reverse("producers:apply")


def application(**overrides) -> dict:
    data = {
        "name": "Hợp tác xã Chè Tân Cương",
        "short_name": "HTX Chè Tân Cương",
        "legal_form": "htx",
        "registration_number": "1707000999",
        "tax_code": "4601234567",
        "founded": "2012",
        "members": "35",
        "representative": "Nguyễn Thị Hoa",
        "phone": "0912345678",
        "email": "htx.chetancuong@example.vn",
        "province_code": "19",
        "commune_code": "",
        "street": "Xóm Hồng Thái 2",
        "story": "Chè búp Tân Cương, sao tay.\n\nBa mươi lăm hộ thành viên.",
        "story_en": "",
        "registration_certificate": SimpleUploadedFile("giay-dang-ky.pdf", PDF, "application/pdf"),
        "certifications-TOTAL_FORMS": "2",
        "certifications-INITIAL_FORMS": "0",
        "certifications-MIN_NUM_FORMS": "0",
        "certifications-MAX_NUM_FORMS": "20",
        "certifications-0-kind": "vietgap",
        "certifications-0-number": "VG-19-0001",
        "certifications-0-issuer": "QUACERT",
        "certifications-0-expires_on": "2027-06-30",
    }
    from regions import units

    data["commune_code"] = units.communes("19")[0].code
    data.update(overrides)
    return data


@pytest.fixture(params=["vi", "en"])
def language(request, buyer_client):
    buyer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    return request.param


def test_anonymous_visitors_are_sent_to_login(anonymous_client):
    response = anonymous_client.get(URL)
    assert response.status_code == 302
    assert settings.LOGIN_URL in response["Location"]


def test_a_signed_in_user_applies(buyer_client, buyer):
    response = buyer_client.post(URL, application())
    assert response.status_code == 302, response.context and response.context["form"].errors
    producer = Producer.objects.get(registration_number="1707000999")
    assert producer.status == Producer.Status.APPLIED
    assert producer.applicant == buyer
    assert producer.partner is None
    assert producer.certifications.get().number == "VG-19-0001"
    assert producer.story == "<p>Chè búp Tân Cương, sao tay.</p><p>Ba mươi lăm hộ thành viên.</p>"
    assert producer.registration_certificate.name.endswith(".pdf")
    page = buyer_client.get(reverse("producers:applications"))
    assert producer.name in page.content.decode()


def test_html_in_the_story_is_escaped(buyer_client):
    buyer_client.post(URL, application(story="<script>alert(1)</script>"))
    producer = Producer.objects.get(registration_number="1707000999")
    assert "<script>" not in producer.story
    assert "&lt;script&gt;" in producer.story


# field, what to change, the English error and the Vietnamese one.
BAD_INPUT = {
    "duplicate registration number": (
        "registration_number",
        lambda: {"registration_number": COOPERATIVE_A["registration_number"]},
        "A cooperative with this registration number is already registered.",
        "Đã có hợp tác xã đăng ký với số đăng ký kinh doanh này.",
    ),
    "PDF renamed to .jpg": (
        "registration_certificate",
        lambda: {
            "registration_certificate": SimpleUploadedFile("giay-dang-ky.jpg", PDF, "image/jpeg")
        },
        "This file's name ends in .jpg but it contains a PDF file",
        "Tên tệp có đuôi .jpg nhưng nội dung là tệp PDF",
    ),
    "50 MB upload": (
        "registration_certificate",
        lambda: {
            "registration_certificate": SimpleUploadedFile(
                "big.pdf", PDF + b"0" * (50 * 1024 * 1024)
            )
        },
        "the limit is 10.0\xa0MB",
        "giới hạn là 10,0\xa0MB",
    ),
    "invalid phone number": (
        "phone",
        lambda: {"phone": "12345"},
        "Enter a valid Vietnamese phone number",
        "Nhập số điện thoại Việt Nam hợp lệ",
    ),
    "commune outside the province": (
        "commune_code",
        lambda: {"commune_code": "00004"},  # Ba Đình, Hà Nội; the province is Thái Nguyên
        "This commune is not in the chosen province.",
        "Xã, phường hoặc đặc khu này không thuộc tỉnh/thành phố đã chọn.",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_gives_a_field_error_and_saves_nothing(case, buyer_client, language):
    field, overrides, english, vietnamese = BAD_INPUT[case]
    before = Producer.objects.count()
    response = buyer_client.post(URL, application(**overrides()))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    html = response.content.decode()
    assert f'data-field="{field}"' in html
    assert f'<html lang="{language}"' in html
    assert (english if language == "en" else vietnamese) in " ".join(errors[field])
    assert Producer.objects.count() == before
