"""In a browser: the footer reaches the operating rules; a new version asks a signed-in user
to accept it, and accepting removes the question."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cms.models import LegalAcceptance, LegalPage
from tests.personas import BUYER

pytestmark = pytest.mark.browser


@pytest.fixture
def rules(committed_db):
    page = LegalPage.objects.get(kind="operating_rules")
    old = page.version
    yield page
    page.refresh_from_db()
    page.version = old
    page.save_revision().publish()
    LegalAcceptance.objects.filter(version="2099-12").delete()


def test_the_footer_reaches_the_rules_and_a_new_version_asks_to_accept(page, rules):
    page.goto("/")
    page.locator("footer a[data-legal=operating_rules]").click()
    expect(page).to_have_url(re.compile(re.escape(rules.url) + "$"))
    expect(page.locator("h1")).to_contain_text(rules.title)
    expect(page.locator(".legal-version")).to_contain_text(rules.version)

    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", BUYER["email"])
    page.fill("#id_login-password", BUYER["password"])
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    page.goto("/shop/catalogue/")
    LegalAcceptance.objects.filter(user__email=BUYER["email"]).delete()
    rules.version = "2099-12"
    rules.save_revision().publish()

    page.goto("/shop/catalogue/")
    prompt = page.locator(".legal-prompt")
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text("2099-12")
    page.locator("#legal-accept").click()
    expect(page).to_have_url(re.compile(r"/shop/catalogue/$"))
    expect(page.locator(".legal-prompt")).to_have_count(0)
    buyer = get_user_model().objects.get(email=BUYER["email"])
    assert LegalAcceptance.objects.filter(
        user=buyer, kind="operating_rules", version="2099-12"
    ).exists()
