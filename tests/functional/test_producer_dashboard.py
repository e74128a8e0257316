"""A cooperative edits its own profile; every product keeps exactly one stock record."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_model

from producers.models import Producer
from regions import units
from tests.factories import ProductFactory
from tests.functional.test_producer_onboarding import product_form_data

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")


def profile_data(client, url, **overrides):
    form = client.get(url).context["form"]
    data = {}
    for field in form:
        value = field.value()
        if value is None or field.name in ("logo",):
            continue
        data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    for prefix in ("certifications", "photos"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_a_cooperative_edits_its_own_profile(coop_a_client, coop_a_user):
    producer = Producer.objects.get(partner__users=coop_a_user)
    url = reverse("dashboard:producer-profile", kwargs={"pk": producer.pk})
    response = coop_a_client.post(
        url, profile_data(coop_a_client, url, story="Câu chuyện mới.", phone="0987654321")
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    producer.refresh_from_db()
    assert producer.story == "<p>Câu chuyện mới.</p>"
    assert str(producer.phone) == "+84987654321"


def test_the_profile_form_refuses_a_commune_of_another_province(coop_a_client, coop_a_user):
    producer = Producer.objects.get(partner__users=coop_a_user)
    url = reverse("dashboard:producer-profile", kwargs={"pk": producer.pk})
    coop_a_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    other = units.communes("79" if producer.province_code != "79" else "01")[0].code
    response = coop_a_client.post(url, profile_data(coop_a_client, url, commune_code=other))
    assert response.status_code == 400
    assert response.context["form"].errors["commune_code"] == [
        "This commune is not in the chosen province."
    ]


def test_a_product_cannot_get_a_second_stock_record(staff_client, coop_a_user, coop_b_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    response = staff_client.get(url)
    formset = response.context["stockrecord_formset"]
    data = product_form_data(staff_client, url)
    data.update(
        {k: v for k, v in response.context["form"].initial.items() if isinstance(v, str | int)}
    )
    data["title"] = product.title
    prefix = formset.prefix
    b_partner = Partner.objects.get(users=coop_b_user)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-partner": str(b_partner.pk),
            f"{prefix}-1-partner_sku": "DUP-1",
            f"{prefix}-1-price_currency": "VND",
            f"{prefix}-1-price": "1000",
            f"{prefix}-1-num_in_stock": "5",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["stockrecord_formset"].non_form_errors()
    assert StockRecord.objects.filter(product=product).count() == 1


def test_a_cooperative_records_what_buyers_ask_about_its_product(coop_a_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    form = coop_a_client.get(url).context["form"]
    data = product_form_data(coop_a_client, url)
    data.update({f.html_name: f.value() for f in form if f.value() not in (None, False)})
    data.update(
        {
            "title_en": "Tan Cuong green tea",
            "net_quantity": "500",
            "unit": "g",
            "shelf_life_months": "18",
            "storage": "Nơi khô ráo, thoáng mát",
            "ingredients": "100% búp chè Tân Cương",
            "certifications": "VietGAP",
            "geographical_indication": "Chè Tân Cương",
        }
    )
    response = coop_a_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    product.refresh_from_db()
    assert (product.title_en, product.unit, product.shelf_life_months) == (
        "Tan Cuong green tea",
        "g",
        18,
    )
    assert product.ingredients == "100% búp chè Tân Cương"
    data["upc"] = "8930000000001"  # wrong GS1 check digit: refused, nothing saved
    response = coop_a_client.post(url, data)
    assert response.status_code == 200
    assert "upc" in response.context["form"].errors
    product.refresh_from_db()
    assert product.upc != "8930000000001"
