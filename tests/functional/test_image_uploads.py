"""Every picture upload refuses one over the pixel limit with a clear message and saves nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from producers.models import Producer, ProducerPhoto
from tests.factories import BatchFactory, ProductFactory
from tests.functional.test_producer_dashboard import profile_data
from tests.functional.test_producer_onboarding import product_form_data
from tests.pictures import huge_png

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
MESSAGE = {"en": "more than 40 megapixels", "vi": "hơn 40 megapixel"}


def bomb(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, huge_png(), content_type="image/png")


def said_too_large(response, language: str = "en") -> bool:
    return MESSAGE[language] in response.content.decode()


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("who", ["coop_a_client", "staff_client"])
def test_a_huge_product_image_is_refused_in_the_dashboard(who, language, coop_a_user, request):
    client = request.getfixturevalue(who)
    client.cookies["django_language"] = language
    product = ProductFactory(partner=coop_a_user.partners.get())
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = product_form_data(client, url, title=product.title)
    prefix = client.get(url).context["image_formset"].prefix
    data[f"{prefix}-0-original"] = bomb()
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["image_formset"].errors[0]["original"]
    assert errors and MESSAGE[language] in errors[0]
    assert said_too_large(response, language)
    assert not ProductImage.objects.filter(product=product).exists()


def test_a_huge_logo_and_photo_are_refused_on_the_profile(coop_a_client, coop_a_user):
    producer = Producer.objects.get(partner__users=coop_a_user)
    url = reverse("dashboard:producer-profile", kwargs={"pk": producer.pk})
    coop_a_client.cookies["django_language"] = "en"
    logo_before = producer.logo.name
    data = profile_data(coop_a_client, url, logo=bomb("logo.png"))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": bomb("photo.png"),
            "photos-0-caption": "Vườn chè",
            "photos-0-display_order": "0",
        }
    )
    response = coop_a_client.post(url, data)
    assert response.status_code in (200, 400)
    assert "more than 40 megapixels" in response.context["form"].errors["logo"][0]
    assert "more than 40 megapixels" in response.context["photo_formset"].errors[0]["image"][0]
    producer.refresh_from_db()
    assert producer.logo.name == logo_before
    assert not ProducerPhoto.objects.filter(producer=producer, caption="Vườn chè").exists()


@pytest.mark.parametrize("kind", ["photo", "document"])
def test_a_huge_batch_photo_or_document_is_refused(kind, coop_a_client, coop_a_user):
    batch = BatchFactory(product=ProductFactory(partner=coop_a_user.partners.get()), publish=False)
    coop_a_client.cookies["django_language"] = "en"
    url = reverse("dashboard:trace-attachment-create", kwargs={"pk": batch.pk})
    response = coop_a_client.post(url, {"kind": kind, "title": "Ảnh lô", "file": bomb()})
    assert response.status_code == 200
    assert "more than 40 megapixels" in response.context["form"].errors["file"][0]
    assert not batch.attachments.exists()


def test_a_huge_cms_image_is_refused(staff_client):
    Image = get_image_model()
    before = Image.objects.count()
    staff_client.cookies["django_language"] = "en"
    response = staff_client.post("/cms/images/add/", {"title": "Bom", "file": bomb()})
    assert response.status_code == 200
    assert said_too_large(response)
    response = staff_client.post("/cms/images/multiple/add/", {"files[]": bomb()})
    assert response.status_code == 200
    assert "more than 40 megapixels" in response.json()["error_message"]
    assert Image.objects.count() == before
