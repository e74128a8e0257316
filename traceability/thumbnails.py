"""Phone-sized thumbnails of the photos shown on the origin page, made once on upload."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

THUMBNAIL_SIDE = 192  # shown at 96 CSS pixels: sharp on 2x phone screens


def photo_thumbnail(upload, name: str) -> ContentFile | None:
    """A square JPEG of a photo, small enough for the origin page."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            thumb = ImageOps.fit(
                ImageOps.exif_transpose(image).convert("RGB"), (THUMBNAIL_SIDE,) * 2
            )
    except (OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    buffer = io.BytesIO()
    thumb.save(buffer, format="JPEG", quality=70, optimize=True)
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return ContentFile(buffer.getvalue(), name=f"{stem}-thumb.jpg")
