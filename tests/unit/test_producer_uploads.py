"""Uploads are judged by their content: PDF, JPEG or PNG, at most 10 MB, names that tell the truth."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from producers.validators import validate_document, validate_image

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,content",
    [
        ("giay-phep.pdf", PDF),
        ("giay-phep.png", png_bytes()),
        ("giay-phep.jpg", jpeg_bytes()),
        ("a.JPEG", jpeg_bytes()),
    ],
)
def test_it_accepts_pdf_jpeg_and_png_documents(name, content):
    validate_document(SimpleUploadedFile(name, content))


def test_it_rejects_a_pdf_renamed_to_jpg():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("giay-phep.jpg", PDF))
    assert error.value.code == "extension_mismatch"


def test_it_rejects_a_file_that_is_no_document():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("giay-phep.pdf", b"MZ\x90\x00 not a pdf"))
    assert error.value.code == "invalid_document"


def test_it_rejects_a_file_over_10_mb():
    big = SimpleUploadedFile("giay-phep.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        validate_document(big)
    assert error.value.code == "file_too_large"


def test_it_rejects_a_truncated_png_as_an_image():
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("logo.png", png_bytes()[:20]))
    assert error.value.code == "invalid_image"


def test_a_logo_must_be_a_picture_not_a_pdf():
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("logo.png", PDF))
