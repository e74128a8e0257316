"""Pictures are measured before anything decodes them: at most `OCOP_MAX_IMAGE_PIXELS` pixels.

A PNG of a few hundred kilobytes can hold 20,000 × 20,000 pixels that take gigabytes once
decoded. Pillow's `Image.open` reads only the header, so the size is known before `load()`;
`check_pixels` refuses a picture on that size alone. Every upload of a picture goes through
it: the model validators (`producers.validators`), the form field below (product images,
logos, photos) and the CMS's image form. `configure_pillow` sets Pillow's own guard to the
same limit for everything else that opens a stored picture (thumbnails, renditions).
"""

from __future__ import annotations

import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image


def max_pixels() -> int:
    return settings.OCOP_MAX_IMAGE_PIXELS


def configure_pillow() -> None:
    """Pillow warns above the limit and refuses above twice it, wherever a picture is opened."""
    Image.MAX_IMAGE_PIXELS = max_pixels()


def _megapixels(pixels: int) -> str:
    tenths = round(pixels / 100_000)
    return number_format(tenths // 10 if tenths % 10 == 0 else tenths / 10, force_grouping=True)


def _too_large(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = _megapixels(max_pixels())
    if width is None or height is None:
        # Pillow refused the header itself: more than twice the limit.
        return ValidationError(
            _(
                "This picture has more than %(limit)s megapixels. Make it smaller and upload it again."
            ),
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "This picture is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the limit is %(limit)s megapixels. Make it smaller and upload it again."
        ),
        code="too_many_pixels",
        params={
            "width": number_format(width, force_grouping=True),
            "height": number_format(height, force_grouping=True),
            "megapixels": _megapixels(width * height),
            "limit": limit,
        },
    )


def check_pixels(upload) -> None:
    """Refuse a picture with more pixels than allowed, reading only its header.

    A file Pillow does not recognise passes: checking the format is the caller's job.
    """
    if not upload or not hasattr(upload, "seek"):
        return
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:  # lazy: the header only, nothing decoded
                width, height = image.size
    except Image.DecompressionBombError:
        raise _too_large() from None
    except Exception:  # noqa: BLE001 - not a picture Pillow reads; the format check says so
        return
    finally:
        upload.seek(0)
    if width * height > max_pixels():
        raise _too_large(width, height)


class ImageField(forms.ImageField):
    """Django's image field, which measures the header before it opens the picture itself."""

    def to_python(self, data):
        if data not in self.empty_values:
            check_pixels(data)
        return super().to_python(data)
