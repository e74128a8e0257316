"""lib.logins: whom the login throttle counts, and the page it shows."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from lib.logins import client_address, login_name


def test_the_address_is_the_client_ip_when_it_is_one():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    assert client_address(request) == "203.0.113.9"


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_address_comes_from_its_header():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 2001:db8::1"
    )
    assert client_address(request) == "2001:db8::1"


@override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_a_header_that_is_not_an_address_counts_as_none():
    request = RequestFactory().get("/", HTTP_X_REAL_IP="unknown")
    assert client_address(request) is None


def test_the_name_tried_is_folded():
    assert login_name(None, {"username": "  An.Nguyen@HTX.vn "}) == "an.nguyen@htx.vn"
    assert login_name(None, {"username": "   "}) is None
    assert login_name(None, {}) is None


def test_without_credentials_the_name_comes_from_any_sign_in_form():
    shop = RequestFactory().post("/", {"login-username": "Khach@OCOP.vn"})
    cms = RequestFactory().post("/", {"username": "admin"})
    assert login_name(shop) == "khach@ocop.vn"
    assert login_name(cms) == "admin"
