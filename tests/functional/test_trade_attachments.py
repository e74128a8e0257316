"""Attachments of requests and quotes are private files: the parties and staff download them
through a checked view; a stranger and another cooperative get a 404; nothing is under /media/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.test import factories as oscar

from tests import factories, trade
from tests.flows import signed_in
from trade.models import Match, Quote

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world():
    category, [(coop_a, product_a), (coop_b, product_b)] = trade.sector_with_cooperatives(2)
    org = trade.organisation()
    rfq = trade.open_request(org, category)
    rfq.attachment.save("quy-cach.pdf", ContentFile(PDF))
    Match.objects.get_or_create(request=rfq, producer=coop_b.producer)
    outsider = factories.CooperativeFactory()
    return {
        "rfq": rfq, "coop_a": coop_a, "product_a": product_a,
        "buyer": signed_in(org.members.first()),
        "quoting": signed_in(coop_a.users.first()),
        "matched": signed_in(coop_b.users.first()),
        "other_cooperative": signed_in(outsider.users.first()),
        "stranger": signed_in(oscar.UserFactory()),
        "other_buyer": signed_in(
            trade.organisation(name="Nhà hàng Sen", tax_code="0309999999").members.first()
        ),
        "staff": signed_in(oscar.UserFactory(is_staff=True)),
    }  # fmt: skip


def _quote_with_attachment(world) -> Quote:
    response = world["quoting"].post(
        f"/trade/requests/{world['rfq'].pk}/quote/",
        trade.quote_form(
            world["product_a"], attachment=SimpleUploadedFile("bao-gia.pdf", PDF, "application/pdf")
        ),
    )
    assert response.status_code == 302
    return Quote.objects.get(request=world["rfq"])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_uploaded_quote_attachment_is_kept_outside_the_public_media(world):
    quote = _quote_with_attachment(world)
    name = quote.attachment.name
    assert (Path(settings.STORAGES["private"]["OPTIONS"]["location"]) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert world["stranger"].get(f"/media/{name}").status_code == 404


def test_the_parties_and_staff_download_a_quote_attachment(world):
    quote = _quote_with_attachment(world)
    path = f"/trade/quotes/{quote.pk}/attachment/"
    for who in ("quoting", "buyer", "staff"):
        response = world[who].get(path)
        assert response.status_code == 200, who
        assert _body(response) == PDF
    page = world["buyer"].get(f"/trade/quotes/{quote.pk}/").content.decode()
    assert path in page and "/media/" not in page


def test_a_stranger_and_other_cooperatives_get_a_404_for_a_quote_attachment(world):
    quote = _quote_with_attachment(world)
    path = f"/trade/quotes/{quote.pk}/attachment/"
    for who in ("stranger", "other_cooperative", "matched", "other_buyer"):
        assert world[who].get(path).status_code == 404, who


def test_the_request_attachment_is_served_to_its_parties_only(world):
    rfq = world["rfq"]
    _quote_with_attachment(world)
    path = f"/trade/requests/{rfq.pk}/attachment/"
    for who in ("buyer", "quoting", "matched", "staff"):
        response = world[who].get(path)
        assert response.status_code == 200, who
        assert _body(response) == PDF
    for who in ("stranger", "other_cooperative", "other_buyer"):
        assert world[who].get(path).status_code == 404, who
        assert path not in world[who].get(f"/trade/requests/{rfq.pk}/").content.decode()
    assert path in world["matched"].get(f"/trade/requests/{rfq.pk}/").content.decode()
    assert not (Path(settings.MEDIA_ROOT) / rfq.attachment.name).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(f"/trade/requests/{world['rfq'].pk}/attachment/")
    assert response.status_code == 302 and "login" in response["Location"]
