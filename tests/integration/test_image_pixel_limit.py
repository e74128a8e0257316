"""A picture over the pixel limit is refused from its header, before anything decodes it.

A 20,000 × 20,000 PNG is about 50 KB on disk and 400 MB decoded. Every way a picture comes
in (product images, logos and photos, traceability files, CMS images) refuses it with a
clear message, and a fresh process doing all of that stays far below what decoding takes.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cms.images import ImageField as CmsImageField
from lib.images import ImageField, check_pixels
from producers.validators import validate_document, validate_image
from tests.pictures import huge_png, small_png

MEMORY_LIMIT_MB = 200


def upload(content: bytes, name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_pillow_and_the_cms_share_the_limit(settings):
    from PIL import Image

    assert settings.OCOP_MAX_IMAGE_PIXELS == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == settings.OCOP_MAX_IMAGE_PIXELS
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.OCOP_MAX_IMAGE_PIXELS


def test_a_picture_within_the_limit_passes():
    check_pixels(upload(small_png()))
    assert ImageField().clean(upload(small_png())) is not None
    validate_image(upload(small_png()))


def test_a_picture_just_over_the_limit_is_refused_with_its_size():
    picture = upload(huge_png(8000, 6000))  # 48 megapixels
    messages = {}
    for language in ("en", "vi"):
        with translation.override(language):
            with pytest.raises(ValidationError) as caught:
                check_pixels(picture)
            messages[language] = caught.value.messages[0]
    assert "8,000 × 6,000 pixels (48 megapixels); the limit is 40 megapixels" in messages["en"]
    assert "điểm ảnh (48 megapixel); giới hạn là 40 megapixel" in messages["vi"]


@pytest.mark.parametrize(
    "check",
    [
        check_pixels,
        validate_image,
        validate_document,
        ImageField().clean,
        CmsImageField().clean,
    ],
    ids=["check_pixels", "validate_image", "validate_document", "form_field", "cms_field"],
)
def test_every_entry_point_refuses_a_huge_picture_with_a_clear_message(check):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            check(upload(huge_png()))
        assert caught.value.error_list[0].code == "too_many_pixels"
        assert "more than 40 megapixels" in caught.value.messages[0]


def test_a_file_that_is_not_a_picture_is_left_to_the_format_check():
    check_pixels(upload(b"%PDF-1.4 not a picture", "giay-phep.pdf"))


# Like a gunicorn worker forked from a master that loaded the site: the worker is forked
# after django.setup(), so its peak starts from what it shares, not from importing.
CHILD = """
import json, os, resource, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from cms.images import ImageField as CmsImageField
from lib.images import ImageField
from producers.validators import validate_document, validate_image

content = open(sys.argv[1], "rb").read()
worker = os.fork()
if worker:
    os.waitpid(worker, 0)
    sys.exit(0)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
refused = []
for check in (ImageField().clean, CmsImageField().clean, validate_image, validate_document):
    try:
        check(SimpleUploadedFile("anh.png", content, content_type="image/png"))
    except ValidationError as error:
        refused.append(error.error_list[0].code)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"refused": refused, "before_kb": before, "after_kb": after}), flush=True)
os._exit(0)
"""


def test_refusing_a_huge_picture_takes_no_memory_in_a_fresh_process(tmp_path):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(huge_png())
    assert bomb.stat().st_size < 500_000
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["refused"] == ["too_many_pixels"] * 4
    # ru_maxrss is in kilobytes on Linux: the peak of the whole worker, Django included.
    assert figures["after_kb"] < MEMORY_LIMIT_MB * 1024, figures
    assert figures["after_kb"] - figures["before_kb"] < 20 * 1024, figures
