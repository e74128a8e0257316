"""The annual cycle view counts a province's dossiers by state and lists those waiting for
someone; list and detail pages keep a bounded number of queries as data grows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import council, workflow
from evaluation.models import State
from tests import evaluation_world as world
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


def test_the_annual_cycle_counts_dossiers_by_state_and_lists_work_waiting():
    producer, owner, product = world.cooperative(world.OTHER_PROVINCE, world.OTHER_COMMUNE)
    secretary = world.officer("province_secretary", world.OTHER_PROVINCE)
    world.draft(producer, owner, product)
    waiting = world.draft(producer, owner, product)
    workflow.move(waiting, "submit", owner)
    withdrawn = world.draft(producer, owner, product)
    workflow.move(withdrawn, "withdraw", owner)

    page = signed_in(secretary).get(
        reverse("evaluation:cycle"), {"year": timezone.localdate().year}
    )
    counts = {state: n for state, _label, n in page.context["rows"]}
    assert counts[State.DRAFT] == 1
    assert counts[State.SUBMITTED] == 1
    assert counts[State.WITHDRAWN] == 1
    assert page.context["total"] == 3
    assert [d.pk for d in page.context["todo"]] == [waiting.pk]

    last_year = signed_in(secretary).get(
        reverse("evaluation:cycle"), {"year": timezone.localdate().year - 1}
    )
    assert last_year.context["total"] == 0


def test_bad_cycle_parameters_fall_back_instead_of_failing(staff):
    page = signed_in(staff).get(reverse("evaluation:cycle"), {"year": "abc", "province": "zz"})
    assert page.status_code == 200
    assert page.context["year"] == timezone.localdate().year and page.context["province"] is None


def many_dossiers(count: int):
    producer, owner, product = world.cooperative()
    for _n in range(count):
        world.draft(producer, owner, product, documents=[])
    return owner


@pytest.mark.parametrize("count", [1, 15])
def test_the_dossier_list_queries_do_not_grow_with_dossiers(count, django_assert_max_num_queries):
    owner = many_dossiers(count)
    client = signed_in(owner)
    with django_assert_max_num_queries(26):
        assert client.get(reverse("evaluation:dossiers")).status_code == 200


@pytest.mark.parametrize("dossiers", [1, 6])
def test_a_session_page_queries_stay_bounded(dossiers, django_assert_max_num_queries):
    secretary = world.officer("province_secretary")
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    held, members = world.session(secretary=secretary)
    for _n in range(dossiers):
        producer, owner, product = world.cooperative()
        dossier = world.checked(world.draft(producer, owner, product), owner, commune_officer)
        item = council.schedule(held, dossier, secretary)
        world.scored(item, members, [70, 71, 72])
    client = signed_in(secretary)
    with django_assert_max_num_queries(36):
        assert client.get(reverse("evaluation:session", args=[held.pk])).status_code == 200


def test_the_verification_page_is_a_few_queries(anonymous_client, django_assert_max_num_queries):
    from evaluation.models import Certificate

    certificate = Certificate.objects.order_by("pk").first()  # the demo's
    with django_assert_max_num_queries(9):
        page = anonymous_client.get(reverse("evaluation:verify", args=[certificate.number]))
    assert page.status_code == 200
