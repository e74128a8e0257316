"""Cooperative users register for a training session; staff see registrations and attendance as CSV."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import CoursePage, SessionRegistration, TrainingIndexPage, TrainingSession
from marketplace.demo import producers as producer_demo

pytestmark = pytest.mark.django_db


def make_course(
    capacity=10, starts_in=datetime.timedelta(days=14)
) -> tuple[CoursePage, TrainingSession]:
    index = TrainingIndexPage.objects.first()
    course = CoursePage(
        title="Khóa kiểm thử", title_en="Test course", slug="khoa-kiem-thu", summary="Thử"
    )
    course.sessions = [
        TrainingSession(starts_at=timezone.now() + starts_in, place="Hà Nội", capacity=capacity)
    ]
    index.add_child(instance=course)
    course.save_revision().publish()
    return course, course.sessions.get()


def register(client, course, session, name="Trần Văn B"):
    return client.post(
        f"{course.url}sessions/{session.pk}/register/",
        {"participant_name": name, "participant_role": "Giám đốc", "phone": "0912345678"},
    )


def test_a_cooperative_user_registers_and_the_course_shows_one_place_fewer(
    coop_a_client, coop_a_user
):
    course, session = make_course(capacity=10)
    assert coop_a_client.get(f"{course.url}sessions/{session.pk}/register/").status_code == 200
    response = register(coop_a_client, course, session)
    assert response.status_code == 302
    registration = SessionRegistration.objects.get(session=session)
    assert registration.user == coop_a_user
    assert registration.producer.partner.users.filter(pk=coop_a_user.pk).exists()
    assert "9 / 10" in coop_a_client.get(course.url).content.decode()


def test_a_second_registration_is_refused_with_a_clear_message(coop_a_client):
    course, session = make_course()
    register(coop_a_client, course, session)
    response = register(coop_a_client, course, session)
    assert response.status_code == 400
    html = response.content.decode()
    assert "already registered" in html or "đã đăng ký" in html
    assert SessionRegistration.objects.filter(session=session).count() == 1


def test_a_full_session_refuses_the_next_cooperative(coop_a_client, coop_b_client):
    course, session = make_course(capacity=1)
    assert register(coop_a_client, course, session).status_code == 302
    response = register(coop_b_client, course, session)
    assert response.status_code == 400
    html = response.content.decode()
    assert "session is full" in html or "đã đủ" in html
    assert SessionRegistration.objects.filter(session=session).count() == 1


def test_a_session_that_has_started_takes_no_registrations(coop_a_client):
    course, session = make_course(starts_in=-datetime.timedelta(hours=1))
    response = register(coop_a_client, course, session)
    assert response.status_code == 400
    assert not SessionRegistration.objects.filter(session=session).exists()


def test_an_unapproved_cooperative_cannot_register(client):
    applicant = get_user_model().objects.get(email=producer_demo.APPLICATIONS[0]["email"])
    client.force_login(applicant)
    course, session = make_course()
    response = register(client, course, session)
    assert response.status_code == 400
    assert not SessionRegistration.objects.filter(session=session).exists()


def test_a_missing_phone_number_is_refused_and_changes_nothing(coop_a_client):
    course, session = make_course()
    response = coop_a_client.post(
        f"{course.url}sessions/{session.pk}/register/", {"participant_name": "B", "phone": ""}
    )
    assert response.status_code == 400
    assert not SessionRegistration.objects.exists()


def test_a_session_of_another_course_is_not_found(coop_a_client):
    course, session = make_course()
    other = CoursePage.objects.exclude(pk=course.pk).first()
    assert coop_a_client.get(f"{other.url}sessions/{session.pk}/register/").status_code == 404


def test_staff_mark_attendance_and_export_registrations_as_csv(
    coop_a_client, coop_b_client, staff_client
):
    course, session = make_course()
    register(coop_a_client, course, session, name="Người Thứ Nhất")
    register(coop_b_client, course, session, name="Người Thứ Hai")
    first = SessionRegistration.objects.get(participant_name="Người Thứ Nhất")
    response = staff_client.post(
        f"/cms/training_registrations/edit/{first.pk}/",
        {
            "participant_name": first.participant_name,
            "participant_role": "",
            "phone": first.phone,
            "attended": "on",
        },
    )
    assert response.status_code == 302
    assert SessionRegistration.objects.get(pk=first.pk).attended

    listing = staff_client.get("/cms/training_registrations/")
    assert listing.status_code == 200
    assert "Người Thứ Hai" in listing.content.decode()

    response = staff_client.get(f"/cms/training_registrations/?export=csv&session={session.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    names = {row[1] for row in rows[1:]}
    assert {"Người Thứ Nhất", "Người Thứ Hai"} <= names
    attended = {row[1]: row[5] for row in rows[1:]}
    assert attended["Người Thứ Nhất"] != attended["Người Thứ Hai"]


def test_a_cooperative_user_cannot_export_registrations(coop_a_client):
    response = coop_a_client.get("/cms/training_registrations/?export=csv")
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")
