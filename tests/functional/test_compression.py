"""Pages travel compressed to browsers that accept it (a phone on a slow network), and whole to
those that do not."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/shop/search/?q=mat+ong"])
def test_pages_are_compressed_for_browsers_that_accept_it(path):
    plain = Client().get(path)
    packed = Client().get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "</html>" in html and len(packed.content) < len(plain.content) / 3
