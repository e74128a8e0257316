"""Convening a council from the dashboard: a province's secretary opens a session for their
province and seats its council members; nobody else may, and a seat that carries scores stays."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from evaluation import council
from evaluation.models import Level, Seat, Session
from tests import evaluation_world as world
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def vi(message: str) -> str:
    """The message as the site (Vietnamese by default) shows it."""
    with override("vi"):
        return gettext(message)


def convene(client, **data):
    values = {
        "level": Level.PROVINCE,
        "province_code": world.PROVINCE,
        "title": "Hội đồng OCOP Hà Nội kỳ 2",
        "held_on": timezone.localdate().isoformat(),
    }
    values.update(data)
    return client.post(reverse("evaluation:session_create"), values)


def test_a_province_secretary_convenes_their_province_and_seats_its_members():
    secretary = world.officer("province_secretary")
    chair = world.officer("council_member")
    member = world.officer("council_member")
    far_member = world.officer("council_member", world.OTHER_PROVINCE)
    client = signed_in(secretary)

    page = client.get(reverse("evaluation:session_create"))
    provinces = [value for value, _label in page.context["form"].fields["province_code"].choices]
    assert provinces == ["", world.PROVINCE]

    response = convene(client)
    session = Session.objects.get(secretary=secretary)
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert (session.secretary, session.province_code) == (secretary, world.PROVINCE)

    detail = client.get(session.get_absolute_url())
    choices = list(detail.context["seat_form"].fields["member"].queryset)
    assert chair in choices and member in choices and far_member not in choices

    url = reverse("evaluation:seat_add", args=[session.pk])
    client.post(url, {"member": chair.pk, "kind": Seat.Kind.CHAIR, "body": "UBND tỉnh"})
    client.post(url, {"member": member.pk, "kind": Seat.Kind.MEMBER, "body": "Liên minh HTX"})
    seats = {(s.user, s.kind, s.body) for s in session.seats.all()}
    assert seats == {(chair, "chair", "UBND tỉnh"), (member, "member", "Liên minh HTX")}

    # The seated members can then be marked present and the session reaches quorum.
    client.post(
        reverse("evaluation:attendance", args=[session.pk]), {"present": [chair.pk, member.pk]}
    )
    assert council.has_quorum(session)


def test_nobody_convenes_another_provinces_council():
    secretary = world.officer("province_secretary")
    response = convene(signed_in(secretary), province_code=world.OTHER_PROVINCE)
    assert response.status_code == 200
    assert response.context["form"].errors["province_code"]
    assert not Session.objects.filter(secretary=secretary).exists()

    member = world.officer("council_member")
    client = signed_in(member)
    assert client.get(reverse("evaluation:session_create")).status_code == 404
    assert convene(client).status_code == 404
    assert not Session.objects.filter(secretary=member).exists()


def test_a_province_council_needs_its_province():
    secretary = world.officer("province_secretary")
    response = convene(signed_in(secretary), province_code="")
    assert response.status_code == 200
    assert response.context["form"].errors["province_code"]
    assert not Session.objects.filter(secretary=secretary).exists()


def test_a_central_council_member_convenes_only_the_central_council():
    central = world.officer("central_council", province="")
    client = signed_in(central)
    levels = [
        v
        for v, _l in client.get(reverse("evaluation:session_create"))
        .context["form"]
        .fields["level"]
        .choices
    ]
    assert levels == [Level.CENTRAL]
    assert convene(client).status_code == 200
    assert not Session.objects.filter(secretary=central).exists()
    convene(client, level=Level.CENTRAL, province_code="")
    session = Session.objects.get(secretary=central)
    assert (session.level, session.province_code) == (Level.CENTRAL, "")


def test_seats_are_refused_with_a_reason_and_change_nothing():
    secretary = world.officer("province_secretary")
    held, members = world.session(secretary=secretary)  # a chair and two members
    far_member = world.officer("council_member", world.OTHER_PROVINCE)
    newcomer = world.officer("council_member")
    client = signed_in(secretary)
    url = reverse("evaluation:seat_add", args=[held.pk])
    before = set(held.seats.values_list("user_id", "kind"))

    response = client.post(url, {"member": far_member.pk, "kind": "member"})
    assert response.status_code == 302 and texts(response)
    response = client.post(url, {"member": newcomer.pk, "kind": "chair"})
    assert vi("This session already has a chair.") in texts(response)
    response = client.post(url, {"member": "abc", "kind": "member"})
    assert response.status_code == 302 and texts(response)
    response = client.post(url, {"member": members[1].pk, "kind": "member"})
    assert response.status_code == 302
    assert set(held.seats.values_list("user_id", "kind")) == before


def test_another_provinces_secretary_and_members_cannot_change_the_seats():
    held, members = world.session(secretary=world.officer("province_secretary"))
    newcomer = world.officer("council_member")
    seat = held.seats.get(user=members[2])
    far_secretary = world.officer("province_secretary", world.OTHER_PROVINCE)
    for user, status in ((far_secretary, 404), (members[1], 302)):
        client = signed_in(user)
        add = client.post(
            reverse("evaluation:seat_add", args=[held.pk]),
            {"member": newcomer.pk, "kind": "member"},
        )
        remove = client.post(reverse("evaluation:seat_remove", args=[held.pk, seat.pk]))
        assert (add.status_code, remove.status_code) == (status, status)
    assert held.seats.count() == 3
    assert not held.seats.filter(user=newcomer).exists()


def test_a_member_who_scored_keeps_their_seat_and_a_decided_session_is_fixed():
    producer, owner, product = world.cooperative()
    secretary = world.officer("province_secretary")
    dossier = world.checked(
        world.draft(producer, owner, product),
        owner,
        world.officer("commune_officer", commune=world.COMMUNE),
    )
    held, members = world.session(secretary=secretary)
    item = council.schedule(held, dossier, secretary)
    world.scored(item, members[:1], [75])
    client = signed_in(secretary)

    scorer = held.seats.get(user=members[0])
    response = client.post(reverse("evaluation:seat_remove", args=[held.pk, scorer.pk]))
    assert vi("This member has scored in this session; their seat stays.") in texts(response)
    idle = held.seats.get(user=members[2])
    client.post(reverse("evaluation:seat_remove", args=[held.pk, idle.pk]))
    assert set(held.seats.values_list("user_id", flat=True)) == {members[0].pk, members[1].pk}

    held.decided_at = timezone.now()
    held.save(update_fields=["decided_at"])
    newcomer = world.officer("council_member")
    response = client.post(
        reverse("evaluation:seat_add", args=[held.pk]), {"member": newcomer.pk, "kind": "member"}
    )
    assert vi("This session has decided; its members are fixed.") in texts(response)
    assert held.seats.count() == 2
