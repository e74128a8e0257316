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
from evaluation.models import Certificate, State
from evaluation.reminders import send_renewal_reminders
from evaluation.workflow import WorkflowError
from lib.urls import absolute_url
from tests import evaluation_world as world
from tests.factories import ProductFactory
from tests.flows import signed_in
from tests.pdfs import font_report

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
    # Every font is in the file: the certificate prints the same on any computer.
    fonts = font_report(pypdfium2.PdfDocument(response.content), response.content)
    assert fonts and all(embedded for _name, embedded in fonts), fonts


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

    def invitations_after(days_before: int) -> int:
        send_renewal_reminders(on=expires - datetime.timedelta(days=days_before))
        return len([m for m in mail.outbox if owner.email in m.to and "renew" in m.body])

    mail.outbox.clear()
    assert invitations_after(121) == 0
    assert invitations_after(120) == 1
    assert invitations_after(100) == 1  # once per threshold
    assert invitations_after(59) == 2
    assert invitations_after(30) == 3
    assert invitations_after(10) == 3
    assert invitations_after(-1) == 3  # expired: no more
    assert sorted(certificate.reminders.values_list("days_before", flat=True)) == [30, 60, 120]
    last = [m for m in mail.outbox if owner.email in m.to][-1]
    assert f"/certificates/{certificate.number}/renew/" in last.body


def test_renewal_starts_a_prefilled_dossier_and_stops_the_reminders(certified):
    certificate, owner, _secretary, product = certified
    response = signed_in(owner).post(reverse("evaluation:renew", args=[certificate.number]))
    renewal = certificate.renewals.get()
    assert response.status_code == 302 and response["Location"] == renewal.get_absolute_url()
    assert renewal.state == State.DRAFT and renewal.product == product
    assert renewal.documents.count() == certificate.dossier.documents.count()
    send_renewal_reminders(on=certificate.expires_on - datetime.timedelta(days=30))
    assert not certificate.reminders.exists()


def test_at_expiry_the_badge_goes(certified):
    certificate, _owner, _secretary, product = certified
    rating = OcopRating.objects.get(product=product)
    assert rating.is_certified(on=certificate.expires_on)
    assert not rating.is_certified(on=certificate.expires_on + datetime.timedelta(days=1))


def test_the_product_pages_badge_links_to_the_verification_page(certified, anonymous_client):
    certificate, _owner, _secretary, product = certified
    page = anonymous_client.get(product.get_absolute_url()).content.decode()
    assert f'href="/ocop/certificates/{certificate.number}/"' in page


def test_a_certificate_recorded_by_hand_verifies_from_the_rating(anonymous_client):
    product = ProductFactory(rated=True)
    rating = product.ocop_rating
    rating.certificate_number = "12/GCN-UBND"
    rating.save()
    url = reverse("evaluation:verify", args=[rating.certificate_number])
    assert anonymous_client.get(url).context["status"] == "valid"
    OcopRating.objects.filter(pk=rating.pk).update(revoked=True)
    assert anonymous_client.get(url).context["status"] == "revoked"
