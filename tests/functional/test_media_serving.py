"""Uploads served by Django (SERVE_MEDIA): files answer, impossible names are a 404."""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["a" * 300 + ".jpg", "x/" + "b" * 5000, "khong-co.jpg"])
def test_a_name_no_file_can_have_is_a_404(client, name):
    assert client.get(f"/media/{name}").status_code == 404


def test_an_upload_is_served(client):
    folder = Path(settings.MEDIA_ROOT) / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nhan.txt").write_text("OCOP")
    response = client.get("/media/tests/nhan.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"OCOP"


def test_uploads_are_kept_by_browsers_for_a_year(client):
    folder = Path(settings.MEDIA_ROOT) / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "anh.txt").write_text("OCOP")
    response = client.get("/media/tests/anh.txt")
    assert "max-age=31536000" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
