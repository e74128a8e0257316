"""Every link in every e-mail starts with SITE_BASE_URL, the site's one public address.

Each test sets an address no default holds, so a link passes only if it was built from
the setting: not from the request's host, nor from Django's Site row left at example.com.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core import mail
from django.core.checks import run_checks
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from catalogue.services import send_expiry_reminders
from cms.models import NewsIndexPage
from marketplace.checks import check_site_base_url
from marketplace.sites import sync_site
from producers import services
from producers.models import Producer
from tests import flows
from tests.factories import CooperativeFactory, ProductFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
OcopRating = get_model("catalogue", "OcopRating")
Product = get_model("catalogue", "Product")
ProductAlert = get_model("customer", "ProductAlert")
CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")
AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")

PUBLIC = "https://cho.ocop-thu.vn"
TEXT_LINK = re.compile(r"""https?://[^\s"'<>)]+""")
HTML_LINK = re.compile(r"""href=["']([^"']+)["']""")


@pytest.fixture
def public_address(settings):
    """SITE_BASE_URL and what settings derive from it, as a deployment would set them."""
    settings.SITE_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.OSCAR_URL_SCHEMA = "https"
    sync_site()  # what `migrate` does on deployment
    mail.outbox.clear()
    yield PUBLIC
    Site.objects.clear_cache()


def links(message) -> list[str]:
    """The links in the text body, and the targets of the HTML body's anchors."""
    found = TEXT_LINK.findall(message.body)
    for content, _type in getattr(message, "alternatives", []):
        found += [
            link
            for link in HTML_LINK.findall(content)
            if not link.startswith(("mailto:", "tel:", "#"))
        ]
    assert found, f"no link in {message.subject!r}:\n{message.body}"
    return found


def assert_links_on_the_public_site(messages) -> None:
    assert messages, "no e-mail was sent"
    for message in messages:
        for link in links(message):
            assert link.startswith(PUBLIC + "/"), f"{message.subject!r} links to {link}"


def test_migrate_keeps_djangos_site_on_the_public_host(public_address):
    assert Site.objects.get_current().domain == "cho.ocop-thu.vn"


def test_order_confirmation_cooperative_notice_and_shipment_update(
    public_address, anonymous_client, coop_a_client, coop_a_user, django_capture_on_commit_callbacks
):
    item = ProductFactory(partner=CooperativeFactory(users=[coop_a_user]))
    flows.add_to_basket(anonymous_client, item)
    with django_capture_on_commit_callbacks(execute=True):
        flows.checkout(anonymous_client)
    order = Order.objects.get(lines__product=item)
    buyer_mail = [m for m in mail.outbox if m.to == [flows.ADDRESS["email"]]]
    cooperative_mail = [m for m in mail.outbox if m.to == [coop_a_user.email]]
    assert_links_on_the_public_site(buyer_mail + cooperative_mail)
    assert any(PUBLIC + order.get_status_url() in links(m) for m in buyer_mail)
    shipment = order.shipments.get()
    assert PUBLIC + f"/dashboard/shipments/{shipment.pk}/" in links(cooperative_mail[0])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coop_a_client.post(f"/dashboard/shipments/{shipment.pk}/", {"action": "confirmed"})
    assert_links_on_the_public_site(mail.outbox)


def test_the_shops_password_reset(public_address, client, buyer):
    response = client.post("/shop/password-reset/", {"email": buyer.email})
    assert response.status_code == 302
    assert_links_on_the_public_site(mail.outbox)
    assert any("/shop/password-reset/confirm/" in link for link in links(mail.outbox[0]))


def test_the_cms_password_reset(public_address, client, staff):
    response = client.post("/cms/password_reset/", {"email": staff.email})
    assert response.status_code == 302
    assert_links_on_the_public_site(mail.outbox)
    assert any("/cms/password_reset/confirm/" in link for link in links(mail.outbox[0]))


def test_the_cms_tells_moderators_of_a_page_to_review(public_address, client):
    editor = get_user_model().objects.create_user("bt@ocop.vn", "bt@ocop.vn", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = get_user_model().objects.create_user("kd@ocop.vn", "kd@ocop.vn", "x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    index = NewsIndexPage.objects.first()
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Bài chờ duyệt",
            "slug": "bai-cho-duyet",
            "date": "2026-11-20",
            "comments": inline_formset([]),
            "related_products": inline_formset([]),
            "body": streamfield([]),
            "body_en": streamfield([]),
        }
    )
    url = f"/cms/pages/add/cms/newsarticlepage/{index.pk}/"
    response = client.post(url, {**data, "action-submit": "1"})
    assert response.status_code == 302
    to_moderator = [m for m in mail.outbox if moderator.email in m.to]
    assert_links_on_the_public_site(to_moderator)


def test_registration_links_for_a_new_and_a_known_address(public_address, client, buyer):
    client.post("/shop/accounts/register/", {"email": "moi.dang.ky@example.vn"})
    client.post("/shop/accounts/register/", {"email": buyer.email})
    assert len(mail.outbox) == 2
    assert_links_on_the_public_site(mail.outbox)
    assert any("/shop/accounts/register/confirm/" in link for link in links(mail.outbox[0]))


def test_oscars_account_emails(public_address, buyer):
    """Password and address changed: each carries a reset link built from the Site row."""
    dispatcher = CustomerDispatcher()
    context = {"user": buyer, "reset_url": "/shop/password-reset/", "new_email": "moi@example.vn"}
    dispatcher.send_password_changed_email_for_user(buyer, context)
    dispatcher.send_email_changed_email_for_user(buyer, context)
    assert len(mail.outbox) == 2
    assert_links_on_the_public_site(mail.outbox)


def test_oscars_stock_alerts(public_address):
    product = ProductFactory()
    alert = ProductAlert.objects.create(product=product, email="cho@example.vn")
    AlertsDispatcher().send_product_alert_confirmation_email_for_user(alert)
    AlertsDispatcher().send_product_alert_email_for_user(product)
    assert_links_on_the_public_site(mail.outbox)


def test_a_cooperatives_approval(public_address, buyer):
    producer = Producer.objects.filter(status=Producer.Status.APPLIED).first()
    producer.applicant = buyer
    services.approve(producer)
    assert_links_on_the_public_site(mail.outbox)
    assert PUBLIC + reverse("dashboard:index") in links(mail.outbox[0])


def test_an_invitation_to_run_a_cooperatives_shop(public_address, coop_a_client, coop_a_user):
    producer = Producer.objects.get(partner__users=coop_a_user)
    url = reverse("dashboard:producer-users", kwargs={"pk": producer.pk})
    coop_a_client.post(url, {"email": "ke-toan@example.vn"})
    assert_links_on_the_public_site(mail.outbox)
    assert any("/producers/invitations/" in link for link in links(mail.outbox[0]))


def test_an_ocop_certificate_reminder(public_address):
    OcopRating.objects.update(reminded_for_expiry=F("expires_on"))  # only ours is due
    product = Product.objects.filter(producer__isnull=False).order_by("pk").first()
    OcopRating.objects.filter(product=product).delete()
    issued = timezone.localdate() - datetime.timedelta(days=100)
    rating = OcopRating.objects.create(
        product=product, score=75, issued_on=issued, certificate_number="C-1"
    )
    rating.expires_on = timezone.localdate() + datetime.timedelta(days=29)
    rating.save()
    assert send_expiry_reminders() == 1
    assert_links_on_the_public_site(mail.outbox)
    assert PUBLIC + reverse("ocop:expiring") in links(mail.outbox[0])


def test_the_deploy_check_wants_a_public_https_address():
    for bad in (
        "",
        "http://ocop.example.vn",
        "https://example.com",
        "https://localhost:8000",
        "https://127.0.0.1",
        "https://shop.example.org",
        "https://ocop.example.vn/shop",
    ):
        with override_settings(SITE_BASE_URL=bad):
            errors = check_site_base_url(None)
        assert [e.id for e in errors] == ["marketplace.E001"], bad
    with override_settings(SITE_BASE_URL="https://ocop.example.vn"):
        assert check_site_base_url(None) == []


def test_the_deploy_check_runs_with_check_deploy():
    with override_settings(SITE_BASE_URL="http://127.0.0.1:8000"):
        ids = {e.id for e in run_checks(include_deployment_checks=True)}
        assert "marketplace.E001" in ids
        assert "marketplace.E001" not in {e.id for e in run_checks()}
