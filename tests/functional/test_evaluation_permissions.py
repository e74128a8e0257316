"""Who sees which dossier and session: a commune officer their commune, a province secretary
their province, a member their sessions, a cooperative its own dossiers; 404 otherwise."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluation import council, workflow
from evaluation.roles import province_codes_for
from tests import evaluation_world as world
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_places():
    """A checked dossier in Hà Nội on a session, and a submitted one in TP Hồ Chí Minh."""
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    secretary = world.officer("province_secretary")
    here = world.checked(world.draft(producer, owner, product), owner, commune_officer)
    held, members = world.session(secretary=secretary)
    council.schedule(held, here, secretary)

    far_producer, far_owner, _p = world.cooperative(world.OTHER_PROVINCE, world.OTHER_COMMUNE)
    far = world.draft(far_producer, far_owner)
    workflow.move(far, "submit", far_owner)
    other_session, other_members = world.session(province=world.OTHER_PROVINCE)
    return {
        "here": here,
        "far": far,
        "held": held,
        "other_session": other_session,
        "owner": owner,
        "far_owner": far_owner,
        "commune_officer": commune_officer,
        "secretary": secretary,
        "member": members[1],
        "other_member": other_members[1],
        "far_commune_officer": world.officer(
            "commune_officer", world.OTHER_PROVINCE, world.OTHER_COMMUNE
        ),
        "far_secretary": world.officer("province_secretary", world.OTHER_PROVINCE),
    }


def dossier_status(user, dossier) -> int:
    return signed_in(user).get(reverse("evaluation:dossier", args=[dossier.pk])).status_code


def session_status(user, session) -> int:
    return signed_in(user).get(reverse("evaluation:session", args=[session.pk])).status_code


@pytest.mark.parametrize(
    "who, sees_here, sees_far",
    [
        ("owner", 200, 404),
        ("far_owner", 404, 200),
        ("commune_officer", 200, 404),
        ("far_commune_officer", 404, 200),
        ("secretary", 200, 404),
        ("far_secretary", 404, 200),
        ("member", 200, 404),
        ("other_member", 404, 404),
    ],
)
def test_each_role_sees_only_its_dossiers(two_places, who, sees_here, sees_far):
    user = two_places[who]
    assert dossier_status(user, two_places["here"]) == sees_here
    assert dossier_status(user, two_places["far"]) == sees_far
    listed = signed_in(user).get(reverse("evaluation:dossiers")).context["dossiers"]
    ids = {d.pk for d in listed}
    assert (two_places["here"].pk in ids) == (sees_here == 200)
    assert (two_places["far"].pk in ids) == (sees_far == 200)


def test_staff_see_every_dossier(two_places, staff):
    assert dossier_status(staff, two_places["here"]) == 200
    assert dossier_status(staff, two_places["far"]) == 200
    assert province_codes_for(staff) is None


def test_a_member_sees_only_the_sessions_they_sit_on(two_places):
    held, other = two_places["held"], two_places["other_session"]
    assert session_status(two_places["member"], held) == 200
    assert session_status(two_places["member"], other) == 404
    assert session_status(two_places["other_member"], held) == 404
    assert session_status(two_places["secretary"], held) == 200
    assert session_status(two_places["far_secretary"], held) == 404
    assert session_status(two_places["owner"], held) == 404


def test_a_member_cannot_score_another_sessions_dossier(two_places):
    held, here = two_places["held"], two_places["here"]
    url = reverse("evaluation:score", args=[held.pk, here.pk])
    assert signed_in(two_places["other_member"]).get(url).status_code == 404
    assert signed_in(two_places["owner"]).get(url).status_code == 404
    assert signed_in(two_places["member"]).get(url).status_code == 200


def test_only_the_communes_officer_checks_a_dossier(two_places):
    far = two_places["far"]
    url = reverse("evaluation:commune_check", args=[far.pk])
    assert signed_in(two_places["commune_officer"]).get(url).status_code == 404
    assert signed_in(two_places["far_secretary"]).get(url).status_code == 404
    assert signed_in(two_places["far_commune_officer"]).get(url).status_code == 200


def test_another_cooperative_cannot_move_or_read_documents(two_places):
    here = two_places["here"]
    intruder = signed_in(two_places["far_owner"])
    assert intruder.post(reverse("evaluation:move", args=[here.pk, "withdraw"])).status_code == 404
    document = here.documents.first()
    url = reverse("evaluation:document", args=[here.pk, document.pk])
    assert intruder.get(url).status_code == 404
    assert signed_in(two_places["owner"]).get(url).status_code == 200


def test_the_annual_cycle_is_scoped_to_the_secretarys_province(two_places, staff):
    url = reverse("evaluation:cycle")
    page = signed_in(two_places["secretary"]).get(url, {"province": world.OTHER_PROVINCE})
    assert page.status_code == 404
    page = signed_in(two_places["secretary"]).get(url)
    assert page.context["province"].code == world.PROVINCE
    assert province_codes_for(two_places["secretary"]) == {world.PROVINCE}
    assert province_codes_for(two_places["owner"]) == set()
    assert signed_in(two_places["owner"]).get(url).status_code == 404
    assert signed_in(staff).get(url).status_code == 200
