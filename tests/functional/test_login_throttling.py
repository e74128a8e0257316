"""Repeated failed sign-ins lock out the account and, separately, the address: on the shop,
the dashboard, the CMS and the Django admin, with a clear page in Vietnamese and English."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone

from tests.personas import BUYER, STAFF

pytestmark = pytest.mark.django_db

LOGINS = {
    "shop": ("/shop/accounts/login/", "login-username", "login-password", {"login_submit": "1"}),
    "dashboard": ("/dashboard/login/", "username", "password", {}),
    "cms": ("/cms/login/", "username", "password", {}),
    "django-admin": ("/django-admin/login/", "username", "password", {}),
}
LOCKED = {"en": "Too many sign-in attempts", "vi": "Đăng nhập sai quá nhiều lần"}


def sign_in(client, where, email, password, **headers):
    url, user_field, password_field, extra = LOGINS[where]
    return client.post(url, {user_field: email, password_field: password, **extra}, **headers)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def test_the_throttle_is_on_with_sane_settings(settings):
    assert settings.AXES_ENABLED
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username"], ["ip_address"]]
    assert not settings.AXES_RESET_ON_SUCCESS


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("where", list(LOGINS))
def test_an_account_is_locked_out_after_repeated_failures(where, language, limit):
    client = Client()
    client.cookies["django_language"] = language
    for _ in range(limit - 1):
        response = sign_in(client, where, STAFF["email"], "sai-mat-khau")
        assert response.status_code == 200
    response = sign_in(client, where, STAFF["email"], "sai-mat-khau")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED[language] in html and "15" in html
    assert 'href="/shop/password-reset/"' in html
    # Even the right password is refused now.
    response = sign_in(client, where, STAFF["email"], STAFF["password"])
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_failures_on_different_logins_add_up(limit):
    client = Client()
    for where in ("shop", "cms"):
        sign_in(client, where, STAFF["email"], "sai")
    assert sign_in(client, "django-admin", STAFF["email"], "sai").status_code == 429


def test_an_account_is_locked_from_every_address(limit):
    for i in range(limit):
        sign_in(Client(), "shop", BUYER["email"], "sai", REMOTE_ADDR=f"198.51.100.{i + 1}")
    elsewhere = Client()
    response = sign_in(
        elsewhere, "shop", BUYER["email"], BUYER["password"], REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 429 and not is_signed_in(elsewhere)
    # Another account from that new address is not affected.
    other = Client()
    response = sign_in(other, "shop", STAFF["email"], STAFF["password"], REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 302 and is_signed_in(other)


def test_an_address_is_locked_out_for_every_account(limit):
    for i in range(limit):
        sign_in(Client(), "shop", f"khong-co-{i}@example.vn", "sai", REMOTE_ADDR="203.0.113.7")
    same_address = Client()
    response = sign_in(
        same_address, "shop", BUYER["email"], BUYER["password"], REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429 and not is_signed_in(same_address)
    other = Client()
    response = sign_in(other, "shop", BUYER["email"], BUYER["password"], REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302 and is_signed_in(other)


def test_the_address_behind_a_proxy_comes_from_client_ip_header(limit, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for i in range(limit):
        # The proxy's own address varies; the visitor's, in the header, does not.
        sign_in(
            Client(),
            "cms",
            f"khong-co-{i}@example.vn",
            "sai",
            REMOTE_ADDR=f"10.0.0.{i + 1}",
            HTTP_X_REAL_IP="203.0.113.50",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.50"}
    response = sign_in(
        Client(), "cms", STAFF["email"], STAFF["password"], HTTP_X_REAL_IP="203.0.113.50"
    )
    assert response.status_code == 429
    response = sign_in(
        Client(), "cms", STAFF["email"], STAFF["password"], HTTP_X_REAL_IP="203.0.113.51"
    )
    assert response.status_code == 302


def test_changing_case_or_spaces_does_not_make_a_new_account(limit):
    for i, variant in enumerate([STAFF["email"].upper(), f" {STAFF['email']} ", "Admin@OCOP.vn"]):
        sign_in(Client(), "shop", variant, "sai", REMOTE_ADDR=f"198.51.100.{i + 20}")
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {STAFF["email"]}
    response = sign_in(
        Client(), "shop", STAFF["email"], STAFF["password"], REMOTE_ADDR="192.0.2.77"
    )
    assert response.status_code == 429


def test_the_lock_out_ends_after_the_cool_off(limit):
    client = Client()
    for _ in range(limit):
        sign_in(client, "shop", BUYER["email"], "sai")
    assert sign_in(client, "shop", BUYER["email"], BUYER["password"]).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client, "shop", BUYER["email"], BUYER["password"]).status_code == 302


def test_a_tried_password_is_never_stored(limit):
    for where in LOGINS:
        sign_in(Client(), where, BUYER["email"], "bi-mat-tuyet-doi")
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert stored and "bi-mat-tuyet-doi" not in stored
    assert BUYER["email"] not in stored


def test_the_test_clients_sign_in_helpers_still_work(staff):
    client = Client()
    assert client.login(request=HttpRequest(), username=STAFF["email"], password=STAFF["password"])
    assert client.get("/dashboard/").status_code == 200
    other = Client()
    other.force_login(staff)
    assert other.get("/dashboard/").status_code == 200
