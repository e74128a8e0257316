"""Certificates verify themselves: the public page reads the live record (valid, expired,
revoked), the PDF's QR code leads there, revocation takes the badge at once, and holders are
invited to renew 120, 60 and 30 days before expiry."""

from __future__ import annotations

import datetime

import pypdfium2
import pytest
import zxingcpp
from django.core import mail
from django.urls import reverse

from catalogue.models import OcopRating
from evaluation import certificates, council
from evaluation.models import Certificate, Reminder, State
from evaluation.reminders import send_renewal_reminders
from evaluation.workflow import WorkflowError
from lib.urls import absolute_url
from tests import evaluation_world as world
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified():
    """A 4★ certificate issued today by the Hà Nội council, with its product and people."""
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    secretary = world.officer("province_secretary")
    dossier = world.checked(world.draft(producer, owner, product), owner, commune_officer)
    held, members = world.session(secretary=secretary)
    item = council.schedule(held, dossier, secretary)
    world.scored(item, members, [80, 76, 78])
    council.finalise(item, secretary)
    council.decide(held, secretary, "77/QĐ-UBND", world.decision_date())
    dossier.refresh_from_db()
    return dossier.certificate, owner, secretary, product


def status_of(client, certificate) -> str:
    page = client.get(reverse("evaluation:verify", args=[certificate.number]))
    assert page.status_code == 200
    return page.context["status"]


def test_the_verification_page_says_valid_expired_or_revoked(certified, anonymous_client):
    certificate, _owner, secretary, _product = certified
    assert status_of(anonymous_client, certificate) == "valid"

    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    assert status_of(anonymous_client, certificate) == "expired"

    Certificate.objects.filter(pk=certificate.pk).update(expires_on=certificate.expires_on)
    certificates.revoke(
        certificate, secretary, "99/QĐ-UBND", datetime.date.today(), "Vi phạm an toàn thực phẩm"
    )
    page = anonymous_client.get(reverse("evaluation:verify", args=[certificate.number]))
    assert page.context["status"] == "revoked"
    assert "99/QĐ-UBND" in page.content.decode()


def test_an_unknown_number_is_a_404(anonymous_client):
    assert anonymous_client.get("/ocop/certificates/OCOP-01-2026-999999/").status_code == 404


def test_the_pdf_carries_a_qr_code_to_the_verification_page(certified):
    certificate, owner, _secretary, _product = certified
    response = signed_in(owner).get(reverse("evaluation:pdf", args=[certificate.number]))
    assert response["Content-Type"] == "application/pdf"
    page = pypdfium2.PdfDocument(response.content)[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (595, 842)  # A4
    image = page.render(scale=200 / 72).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert found == [absolute_url(f"/ocop/certificates/{certificate.number}/")]
    text = page.get_textpage().get_text_range()
    assert "GIẤY CHỨNG NHẬN" in text and certificate.number in text


def test_revocation_takes_the_badge_at_once(certified, anonymous_client):
    certificate, _owner, secretary, product = certified
    assert OcopRating.objects.get(product=product).certified
    with pytest.raises(WorkflowError) as error:
        certificates.revoke(certificate, secretary, "", None, "")
    assert set(error.value.message_dict) == {"decision_number", "decided_on", "reason"}
    assert OcopRating.objects.get(product=product).certified

    response = signed_in(secretary).post(
        reverse("evaluation:revoke", args=[certificate.number]),
        {"decision_number": "5/QĐ-UBND", "decided_on": "2026-12-01", "reason": "Không duy trì"},
    )
    assert response.status_code == 302
    rating = OcopRating.objects.get(product=product)
    assert rating.revoked and not rating.certified


def test_only_the_province_or_staff_may_revoke(certified):
    certificate, owner, _secretary, _product = certified
    other = world.officer("province_secretary", province=world.OTHER_PROVINCE)
    for user in (owner, other):
        url = reverse("evaluation:revoke", args=[certificate.number])
        assert signed_in(user).get(url).status_code == 404


def test_holders_are_invited_to_renew_at_120_60_and_30_days(certified):
    certificate, owner, _secretary, _product = certified
    expires = certificate.expires_on
    mail.outbox.clear()
    assert send_renewal_reminders(on=expires - datetime.timedelta(days=121)) == 0
    assert send_renewal_reminders(on=expires - datetime.timedelta(days=120)) == 1
    assert send_renewal_reminders(on=expires - datetime.timedelta(days=100)) == 0  # once
    assert send_renewal_reminders(on=expires - datetime.timedelta(days=59)) == 1
    assert send_renewal_reminders(on=expires - datetime.timedelta(days=30)) == 1
    assert send_renewal_reminders(on=expires - datetime.timedelta(days=10)) == 0
    assert send_renewal_reminders(on=expires + datetime.timedelta(days=1)) == 0  # expired
    assert sorted(Reminder.objects.values_list("days_before", flat=True)) == [30, 60, 120]
    assert len(mail.outbox) == 3 and owner.email in mail.outbox[0].to
    assert f"/certificates/{certificate.number}/renew/" in mail.outbox[0].body


def test_renewal_starts_a_prefilled_dossier_and_stops_the_reminders(certified):
    certificate, owner, _secretary, product = certified
    response = signed_in(owner).post(reverse("evaluation:renew", args=[certificate.number]))
    renewal = certificate.renewals.get()
    assert response.status_code == 302 and response["Location"] == renewal.get_absolute_url()
    assert renewal.state == State.DRAFT and renewal.product == product
    assert renewal.documents.count() == certificate.dossier.documents.count()
    assert send_renewal_reminders(on=certificate.expires_on - datetime.timedelta(days=30)) == 0


def test_at_expiry_the_badge_goes(certified):
    certificate, _owner, _secretary, product = certified
    rating = OcopRating.objects.get(product=product)
    assert rating.is_certified(on=certificate.expires_on)
    assert not rating.is_certified(on=certificate.expires_on + datetime.timedelta(days=1))
