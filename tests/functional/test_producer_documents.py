"""A business registration certificate is personal data: never public, shown only to staff
and to the cooperative's own users."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from producers.models import Producer

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer_a(coop_a_user):
    producer = Producer.objects.get(partner__users=coop_a_user)
    producer.registration_certificate.save("dang-ky.pdf", ContentFile(PDF), save=True)
    return producer


def url(producer):
    return reverse("dashboard:producer-registration-certificate", kwargs={"pk": producer.pk})


def test_it_is_stored_outside_public_media(producer_a, client):
    path = producer_a.registration_certificate.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{producer_a.registration_certificate.name}").status_code == 404


def test_staff_and_the_cooperative_download_it(producer_a, staff_client, coop_a_client):
    for client in (staff_client, coop_a_client):
        response = client.get(url(producer_a))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF


def test_another_cooperative_and_visitors_cannot(producer_a, coop_b_client, buyer_client, client):
    assert coop_b_client.get(url(producer_a)).status_code == 404
    assert buyer_client.get(url(producer_a)).status_code in (302, 403)
    response = client.get(url(producer_a))
    assert response.status_code == 302 and "login" in response["Location"]
