"""The public producer pages: list with filters, profile, hidden when not approved, enquiries."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from producers import services
from producers.models import Certification, Producer

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
LIST = reverse("producers:list")


def test_the_list_shows_approved_cooperatives_only(client):
    response = client.get(LIST)
    assert response.status_code == 200
    shown = {p.pk for p in response.context["producers"]}
    assert shown <= set(Producer.objects.approved().values_list("pk", flat=True))
    assert response.context["paginator"].count == Producer.objects.approved().count()
    pending = Producer.objects.pending().first()
    assert pending.short_name not in response.content.decode()


def test_it_filters_by_province_sector_and_certification(client):
    some = Producer.objects.approved().order_by("pk").first()
    response = client.get(LIST, {"province": some.province_code})
    assert {p.province_code for p in response.context["producers"]} == {some.province_code}

    response = client.get(LIST, {"certification": "vietgap"})
    producers = list(response.context["producers"])
    assert producers
    assert all(p.certifications.filter(kind=Certification.Kind.VIETGAP).exists() for p in producers)

    tourism = Category.objects.get(
        depth=1, path=Category.objects.filter(depth=1).order_by("path").last().path
    )
    response = client.get(LIST, {"sector": tourism.pk})
    for producer in response.context["producers"]:
        assert producer.products().filter(categories__path__startswith=tourism.path).exists()


def test_unknown_filter_values_give_the_full_list_not_an_error(client):
    response = client.get(
        LIST, {"province": "99", "sector": "abc", "certification": "x", "page": "1"}
    )
    assert response.status_code == 200


def test_the_profile_shows_products_and_certifications(client):
    producer = (
        Producer.objects.approved().filter(certifications__isnull=False).order_by("pk").first()
    )
    response = client.get(producer.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert producer.name in html
    assert producer.province.name in html
    assert response.context["product_count"] == producer.products().count() > 0
    assert response.context["ocop_rated_count"] == producer.products().ocop_certified().count()
    for certification in producer.certifications.all():
        assert certification.get_kind_display() in html


def test_suspended_producers_and_their_products_are_hidden(client, staff):
    producer = Producer.objects.approved().order_by("pk").first()
    products = list(producer.products())
    services.suspend(producer, by=staff)
    assert client.get(producer.get_absolute_url()).status_code == 404
    assert producer.short_name not in client.get(LIST).content.decode()
    for product in products:
        assert client.get(product.get_absolute_url()).status_code == 404
    services.reinstate(producer, by=staff)
    assert client.get(producer.get_absolute_url()).status_code == 200
    assert producer.products().count() == len(products)


def enquiry(**overrides):
    data = {
        "name": "Nguyễn Lan",
        "email": "lan@example.vn",
        "phone": "",
        "message": "Cho tôi hỏi giá sỉ.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_an_enquiry_emails_the_cooperative(client):
    producer = Producer.objects.approved().order_by("pk").first()
    mail.outbox.clear()
    response = client.post(producer.get_absolute_url(), enquiry())
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [producer.email]
    assert message.reply_to == ["lan@example.vn"]
    assert "Cho tôi hỏi giá sỉ." in message.body


def test_the_honeypot_catches_bots_quietly(client):
    producer = Producer.objects.approved().order_by("pk").first()
    mail.outbox.clear()
    response = client.post(producer.get_absolute_url(), enquiry(website="http://spam.example"))
    assert response.status_code == 302
    assert mail.outbox == []


@mock.patch("lib.ratelimit.current_window", return_value=490_000)  # all within one hour
def test_enquiries_are_rate_limited_per_ip(_hour, client):
    producer = Producer.objects.approved().order_by("pk").first()
    mail.outbox.clear()
    statuses = [
        client.post(producer.get_absolute_url(), enquiry(), REMOTE_ADDR="203.0.113.7").status_code
        for _ in range(7)
    ]
    assert statuses == [302] * 5 + [429] * 2
    assert len(mail.outbox) == 5
    assert (
        client.post(producer.get_absolute_url(), enquiry(), REMOTE_ADDR="203.0.113.8").status_code
        == 302
    )


@mock.patch("lib.ratelimit.current_window", return_value=490_000)
def test_behind_a_proxy_enquiries_are_limited_per_visitor_not_per_proxy(_hour, client, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    producer = Producer.objects.approved().order_by("pk").first()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request arrives from the proxy
    statuses = [
        client.post(
            producer.get_absolute_url(), enquiry(), HTTP_X_REAL_IP="203.0.113.9", **proxy
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    other = client.post(
        producer.get_absolute_url(), enquiry(), HTTP_X_REAL_IP="203.0.113.10", **proxy
    )
    assert other.status_code == 302


def test_an_invalid_enquiry_shows_field_errors(client):
    producer = Producer.objects.approved().order_by("pk").first()
    response = client.post(producer.get_absolute_url(), enquiry(email="not-an-email", message=""))
    assert response.status_code == 400
    assert set(response.context["enquiry_form"].errors) == {"email", "message"}


def test_the_communes_endpoint_feeds_the_dependent_select(client):
    response = client.get(reverse("regions:communes"), {"province": "01"})
    data = response.json()
    assert data["province"] == "01"
    assert {"code": "00004", "name": "Phường Ba Đình"} in data["communes"]
    assert client.get(reverse("regions:communes"), {"province": "zz"}).json() == {
        "province": None,
        "communes": [],
    }


def test_a_suspended_cooperatives_users_lose_the_dashboard_until_reinstated(
    staff, coop_a_user, coop_a_client
):
    producer = Producer.objects.get(partner__users=coop_a_user)
    assert coop_a_client.get("/dashboard/catalogue/").status_code == 200
    services.suspend(producer, by=staff)
    response = coop_a_client.get("/dashboard/catalogue/")
    assert response.status_code in (302, 403)
    services.reinstate(producer, by=staff)
    assert coop_a_client.get("/dashboard/catalogue/").status_code == 200
