"""Registering and resetting a password answer the same whether or not the address has an
account; only the mailbox's owner learns which, and nobody can pre-register someone else."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.personas import BUYER

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW = "nguoi-moi@example.vn"


def register(client, email, via="register"):
    if via == "register":
        return client.post("/shop/accounts/register/", {"email": email})
    return client.post(
        "/shop/accounts/login/", {"registration-email": email, "registration_submit": "1"}
    )


def without_tokens(page: bytes | str) -> str:
    """The page without what differs on every request (CSRF tokens, CSP nonces)."""
    page = page.decode() if isinstance(page, bytes) else page
    return re.sub(r'(value|nonce|content)="[A-Za-z0-9+/=_-]{20,}"', r'\1="…"', page)


def link_in(message) -> str:
    """The link's path; links are on the public address (SITE_BASE_URL)."""
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(settings.SITE_BASE_URL + "/")
    return link.removeprefix(settings.SITE_BASE_URL)


@pytest.mark.parametrize("via", ["register", "login_page"])
def test_a_new_and_a_known_address_get_the_same_answer(via):
    answers = []
    for email in (NEW, BUYER["email"]):
        client = Client()
        client.cookies["django_language"] = "en"
        response = register(client, email, via)
        assert response.status_code == 302
        assert response["Location"] == "/shop/accounts/register/sent/"
        page = client.get(response["Location"]).content.decode()
        answers.append(without_tokens(page.replace(email, "EMAIL")))
    assert answers[0] == answers[1]
    assert "We have sent a message to" in answers[0]
    assert not User.objects.filter(email=NEW).exists()  # nothing until the link is used
    assert [m.to for m in mail.outbox] == [[NEW], [BUYER["email"]]]


def test_the_known_addresss_owner_is_told_and_nothing_changes():
    buyer = User.objects.get(email=BUYER["email"])
    password = buyer.password
    register(Client(), BUYER["email"].upper())
    (message,) = mail.outbox
    assert message.to == [BUYER["email"]]
    assert "already has an account" in message.body or "đã có tài khoản" in message.body
    assert "/shop/accounts/login/" in message.body and "/shop/password-reset/" in message.body
    assert "/register/confirm/" not in message.body
    buyer.refresh_from_db()
    assert buyer.password == password
    assert User.objects.filter(email__iexact=BUYER["email"]).count() == 1


def test_the_link_creates_the_account_with_the_chosen_password():
    client = Client()
    client.cookies["django_language"] = "en"
    register(client, NEW)
    link = link_in(mail.outbox[0])
    assert "/shop/accounts/register/confirm/" in link
    assert "Choose a password" in client.get(link).content.decode()
    response = client.post(link, {"new_password1": "Che-Tan-Cuong-2025", "new_password2": "x"})
    assert response.status_code == 200 and not User.objects.filter(email=NEW).exists()
    response = client.post(
        link, {"new_password1": "Che-Tan-Cuong-2025", "new_password2": "Che-Tan-Cuong-2025"}
    )
    assert response.status_code == 302
    user = User.objects.get(email=NEW)
    assert user.check_password("Che-Tan-Cuong-2025") and user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)
    # Used once: the same link now says so and changes nothing.
    again = Client().post(
        link, {"new_password1": "Khac-2025-xyz", "new_password2": "Khac-2025-xyz"}
    )
    assert again.status_code == 400
    user.refresh_from_db()
    assert user.check_password("Che-Tan-Cuong-2025")


def test_a_forged_link_is_refused():
    response = Client().get("/shop/accounts/register/confirm/gia-mao:abc:def/")
    assert response.status_code == 400
    assert not User.objects.filter(email=NEW).exists()


def test_registering_keeps_where_the_visitor_was_going():
    client = Client()
    client.post("/shop/accounts/register/", {"email": NEW, "redirect_url": "/shop/basket/"})
    link = link_in(mail.outbox[0])
    response = client.post(
        link, {"new_password1": "Che-2025-Xanh", "new_password2": "Che-2025-Xanh"}
    )
    assert response["Location"] == "/shop/basket/"


def test_a_password_reset_answers_the_same_for_any_address():
    pages = []
    for email in (BUYER["email"], "khong-ai-ca@example.vn"):
        client = Client()
        response = client.post("/shop/password-reset/", {"email": email})
        assert response.status_code == 302
        assert response["Location"] == "/shop/password-reset/done/"
        pages.append(without_tokens(client.get(response["Location"]).content))
    assert pages[0] == pages[1]
    assert [m.to for m in mail.outbox] == [[BUYER["email"]]]
