"""lib.urls: absolute links on SITE_BASE_URL, and what cannot be a public address."""

from __future__ import annotations

import pytest
from django.test import override_settings

from lib.urls import absolute_url, public_url_problem, site_domain, site_protocol


@override_settings(SITE_BASE_URL="https://ocop.example.vn/")
def test_it_builds_links_on_the_public_address():
    assert absolute_url("/shop/accounts/") == "https://ocop.example.vn/shop/accounts/"
    assert absolute_url("dashboard/") == "https://ocop.example.vn/dashboard/"
    assert absolute_url("https://other.example.vn/x") == "https://other.example.vn/x"
    assert site_domain() == "ocop.example.vn"
    assert site_protocol() == "https"


@override_settings(SITE_BASE_URL="http://127.0.0.1:8000")
def test_the_domain_keeps_the_port():
    assert site_domain() == "127.0.0.1:8000"
    assert absolute_url("/t/ABC") == "http://127.0.0.1:8000/t/ABC"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "http://ocop.example.vn",
        "https://example.com",
        "https://www.example.com",
        "https://shop.example.org",
        "https://localhost",
        "https://ocop.localhost",
        "https://127.0.0.1:8000",
        "https://ocop.test",
        "https://ocop.example.vn/shop/",
        "https://",
    ],
)
def test_it_refuses_what_cannot_be_a_public_address(url):
    assert public_url_problem(url)


def test_it_accepts_a_public_https_address():
    assert public_url_problem("https://ocop.example.vn") == ""
    assert public_url_problem("https://cho-ocop.vn/") == ""
