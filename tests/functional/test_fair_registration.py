"""A cooperative applies for a fair booth; staff accept it in the admin; the event page lists it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import BoothRegistration, EventIndexPage, EventPage
from cms.registration import producer_of
from marketplace.demo import producers as producer_demo

pytestmark = pytest.mark.django_db


def make_event(capacity=5, starts_in=30, deadline_in=None, slug="hoi-cho-kiem-thu") -> EventPage:
    index = EventIndexPage.objects.first()
    today = timezone.localdate()
    event = EventPage(
        title="Hội chợ kiểm thử",
        title_en="Test fair",
        slug=slug,
        start_date=today + datetime.timedelta(days=starts_in),
        end_date=today + datetime.timedelta(days=starts_in + 2),
        registration_deadline=None
        if deadline_in is None
        else today + datetime.timedelta(days=deadline_in),
        venue="Giảng Võ",
        province_code="01",
        booth_capacity=capacity,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def apply(client, user, event, **extra):
    producer = producer_of(user)
    products = list(producer.products().values_list("pk", flat=True)[:2])
    data = {
        "products": products,
        "contact_name": "Nguyễn Văn A",
        "contact_phone": "0912345678",
        **extra,
    }
    return client.post(event.url + "register/", data)


def test_a_cooperative_applies_staff_accept_and_the_event_page_lists_it(
    coop_a_client, coop_a_user, staff_client
):
    event = make_event()
    response = coop_a_client.get(event.url + "register/")
    assert response.status_code == 200
    assert producer_of(coop_a_user).name in response.content.decode()

    response = apply(coop_a_client, coop_a_user, event)
    assert response.status_code == 302
    registration = BoothRegistration.objects.get(event=event)
    assert registration.status == BoothRegistration.Status.PENDING
    assert registration.products.count() == 2
    name = registration.producer.name
    assert name not in coop_a_client.get(event.url).content.decode()  # not accepted yet

    response = staff_client.post(
        f"/cms/booth_registrations/edit/{registration.pk}/",
        {
            "status": "accepted",
            "contact_name": "Nguyễn Văn A",
            "contact_phone": "0912345678",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    registration.refresh_from_db()
    assert registration.status == BoothRegistration.Status.ACCEPTED
    assert registration.decided_at is not None
    html = coop_a_client.get(event.url).content.decode()
    assert name in html
    product = registration.products.first()
    assert product.get_absolute_url() in html


def test_staff_decline_and_the_cooperative_is_not_listed(coop_a_client, coop_a_user, staff_client):
    event = make_event()
    apply(coop_a_client, coop_a_user, event)
    registration = BoothRegistration.objects.get(event=event)
    staff_client.post(
        f"/cms/booth_registrations/edit/{registration.pk}/",
        {"status": "declined", "contact_name": "A", "contact_phone": "1", "note": ""},
    )
    assert BoothRegistration.objects.get(pk=registration.pk).status == "declined"
    assert registration.producer.name not in coop_a_client.get(event.url).content.decode()


def test_a_second_application_is_refused_with_a_clear_message(coop_a_client, coop_a_user):
    event = make_event()
    apply(coop_a_client, coop_a_user, event)
    response = apply(coop_a_client, coop_a_user, event)
    assert response.status_code == 400
    html = response.content.decode()
    assert "đã đăng ký gian hàng" in html or "already applied for a booth" in html
    assert BoothRegistration.objects.filter(event=event).count() == 1


def test_the_last_booth_goes_to_the_first_cooperative_and_the_next_is_refused(
    coop_a_client, coop_a_user, coop_b_client, coop_b_user
):
    event = make_event(capacity=1)
    assert apply(coop_a_client, coop_a_user, event).status_code == 302
    response = apply(coop_b_client, coop_b_user, event)
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 gian hàng" in html or "All 1 booths" in html
    assert list(
        BoothRegistration.objects.filter(event=event).values_list("producer", flat=True)
    ) == [producer_of(coop_a_user).pk]


def test_staff_cannot_accept_more_cooperatives_than_booths(
    coop_a_client, coop_a_user, coop_b_client, coop_b_user, staff_client
):
    event = make_event(capacity=2)
    apply(coop_a_client, coop_a_user, event)
    apply(coop_b_client, coop_b_user, event)
    BoothRegistration.objects.filter(event=event).update(status="declined")
    event.booth_capacity = 1
    event.save_revision().publish()
    first, second = BoothRegistration.objects.filter(event=event).order_by("pk")
    data = {"status": "accepted", "contact_name": "A", "contact_phone": "1", "note": ""}
    assert staff_client.post(f"/cms/booth_registrations/edit/{first.pk}/", data).status_code == 302
    response = staff_client.post(f"/cms/booth_registrations/edit/{second.pk}/", data)
    assert response.status_code == 200
    assert BoothRegistration.objects.get(pk=second.pk).status == "declined"


def test_an_application_after_the_deadline_is_refused(coop_a_client, coop_a_user):
    event = make_event(starts_in=10, deadline_in=-1)
    response = apply(coop_a_client, coop_a_user, event)
    assert response.status_code == 400
    assert "Việc đăng ký gian hàng cho sự kiện này đã kết thúc" in response.content.decode()
    coop_a_client.cookies["django_language"] = "en"
    response = apply(coop_a_client, coop_a_user, event)
    assert response.status_code == 400
    assert "Booth registration for this event closed on" in response.content.decode()
    assert not BoothRegistration.objects.filter(event=event).exists()


def test_an_unapproved_cooperative_is_refused(client):
    applicant = get_user_model().objects.get(email=producer_demo.APPLICATIONS[0]["email"])
    client.force_login(applicant)
    event = make_event()
    response = client.post(event.url + "register/", {"contact_name": "A", "contact_phone": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "not been approved yet" in html or "chưa được duyệt" in html
    assert not BoothRegistration.objects.filter(event=event).exists()


def test_a_buyer_without_a_cooperative_is_refused(buyer_client):
    event = make_event()
    response = buyer_client.post(
        event.url + "register/", {"contact_name": "A", "contact_phone": "1"}
    )
    assert response.status_code == 400
    assert not BoothRegistration.objects.filter(event=event).exists()


def test_a_cooperative_cannot_exhibit_another_cooperatives_products(
    coop_a_client, coop_a_user, coop_b_user
):
    event = make_event()
    other = list(producer_of(coop_b_user).products().values_list("pk", flat=True)[:1])
    response = apply(coop_a_client, coop_a_user, event, products=other)
    assert response.status_code == 400
    assert not BoothRegistration.objects.filter(event=event).exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    event = make_event()
    response = client.get(event.url + "register/")
    assert response.status_code == 302
    assert "/shop/accounts/login/" in response["Location"]


def test_a_cooperative_user_cannot_see_the_registrations_in_the_admin(coop_a_client):
    response = coop_a_client.get("/cms/booth_registrations/")
    assert response.status_code in (302, 403)
