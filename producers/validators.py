"""Uploads are checked by what they contain, not by their name: PDF, JPEG or PNG, at most 10 MB,
and pictures no larger than the pixel limit (lib.images), measured before anything decodes them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from lib.images import check_pixels

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png"}


def _check_size(upload) -> None:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )


def _head(upload, length: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def image_format(upload) -> str | None:
    """'JPEG' or 'PNG' when Pillow can read and verify the file; None otherwise."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors for bad files
        return None
    finally:
        upload.seek(0)
    return kind if kind in IMAGE_FORMATS else None


def is_pdf(upload) -> bool:
    return _head(upload, 5) == b"%PDF-"


def _extension(upload) -> str:
    name = getattr(upload, "name", "") or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _check_name_matches(upload, actual: str) -> None:
    # A renamed file (a PDF called .jpg) is refused: browsers and viewers trust the name.
    extension = _extension(upload)
    allowed = {"pdf": {"pdf"}, "jpg": {"jpg", "jpeg"}, "png": {"png"}}[actual]
    if extension not in allowed:
        raise ValidationError(
            _(
                "This file's name ends in .%(extension)s but it contains a %(kind)s file; rename it or choose another file."
            ),
            code="extension_mismatch",
            params={"extension": extension or "?", "kind": actual.upper()},
        )


def validate_document(upload) -> None:
    """A PDF, JPEG or PNG document (certificates, business registration)."""
    if not upload or getattr(upload, "_committed", False):
        return  # a file already stored was checked when it was uploaded
    _check_size(upload)
    if is_pdf(upload):
        _check_name_matches(upload, "pdf")
        return
    check_pixels(upload)
    kind = image_format(upload)
    if kind is None:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file; this file is none of them."), code="invalid_document"
        )
    _check_name_matches(upload, IMAGE_FORMATS[kind])


def validate_image(upload) -> None:
    """A JPEG or PNG picture (logos, gallery photos)."""
    if not upload or getattr(upload, "_committed", False):
        return
    _check_size(upload)
    check_pixels(upload)
    kind = image_format(upload)
    if kind is None:
        raise ValidationError(
            _("Upload a JPEG or PNG picture; this file is not one."), code="invalid_image"
        )
    _check_name_matches(upload, IMAGE_FORMATS[kind])
