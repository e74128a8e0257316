"""Council rules: the spread blocks finalising until a re-score (both rounds kept), the quorum
blocks the decision, a decision needs a number, 90+ goes to the central council."""

from __future__ import annotations

import pytest
from django.core import mail

from catalogue.models import OcopRating
from evaluation import council
from evaluation.models import Certificate, Level, ScoreSheet, State
from evaluation.workflow import WorkflowError
from tests import evaluation_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_agenda():
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    secretary = world.officer("province_secretary")
    dossier = world.checked(world.draft(producer, owner, product), owner, commune_officer)
    held, members = world.session(secretary=secretary)
    item = council.schedule(held, dossier, secretary)
    return item, members, secretary, product


def test_a_spread_over_ten_points_blocks_finalising_until_members_rescore(on_agenda):
    item, members, secretary, _product = on_agenda
    world.scored(item, members, [80, 75, 69])  # 80 and 69: 11 points apart

    with pytest.raises(WorkflowError, match="11"):
        council.finalise(item, secretary)
    item.refresh_from_db()
    assert item.finalised_at is None and item.score is None

    with pytest.raises(WorkflowError):
        council.rescore(item, secretary, note="  ")  # a new round needs the discussion noted
    council.rescore(item, secretary, note="Thống nhất lại điểm phần C")
    world.scored(item, members, [78, 75, 72])
    council.finalise(item, secretary)

    item.refresh_from_db()
    assert str(item.score) == "75.00"
    assert ScoreSheet.objects.filter(item=item, round=1).count() == 3
    assert ScoreSheet.objects.filter(item=item, round=2).count() == 3
    assert "Thống nhất lại điểm phần C" in item.session.notes


def test_quorum_below_75_percent_blocks_the_decision(on_agenda):
    item, members, secretary, product = on_agenda
    world.scored(item, members, [75, 75, 75])
    council.finalise(item, secretary)
    council.set_attendance(item.session, {members[0].pk, members[1].pk}, secretary)  # 2 of 3

    with pytest.raises(WorkflowError, match="quorum|Không đủ"):
        council.decide(item.session, secretary, "123/QĐ-UBND", world.decision_date())
    item.dossier.refresh_from_db()
    assert item.dossier.state == State.PROVINCE_SCORING
    assert not Certificate.objects.filter(dossier=item.dossier).exists()
    assert not OcopRating.objects.filter(
        product=product, certificate_number__startswith="OCOP-"
    ).exists()


def test_an_absent_chair_is_no_quorum_even_with_enough_members(on_agenda):
    item, members, secretary, _product = on_agenda
    extra = world.officer("council_member")
    item.session.seats.create(user=extra, present=True)
    world.scored(item, members, [75, 75, 75])
    council.set_attendance(item.session, {m.pk for m in members[1:]} | {extra.pk}, secretary)
    assert not council.has_quorum(item.session)  # 3 of 4 present, but not the chair


def test_a_decision_without_a_number_is_refused_and_saves_nothing(on_agenda):
    item, members, secretary, _product = on_agenda
    world.scored(item, members, [75, 75, 75])
    council.finalise(item, secretary)
    with pytest.raises(WorkflowError) as error:
        council.decide(item.session, secretary, "  ", world.decision_date())
    assert "decision_number" in error.value.message_dict
    item.session.refresh_from_db()
    assert item.session.decided_at is None and item.session.decision_number == ""


def test_a_score_above_a_criterions_maximum_is_refused(on_agenda):
    item, members, _secretary, _product = on_agenda
    scores = world.scores_totalling(item.dossier.rubric, 70)
    scores["5.3"] = 6  # out of 5
    with pytest.raises(WorkflowError) as error:
        council.submit_sheet(item, members[0], scores)
    assert "5.3" in error.value.message_dict
    assert not ScoreSheet.objects.filter(item=item).exists()


def test_a_90_point_product_goes_to_the_central_council_for_five_stars(
    on_agenda, django_capture_on_commit_callbacks
):
    item, members, secretary, product = on_agenda
    world.scored(item, members, [92, 90, 91])
    council.finalise(item, secretary)
    council.decide(item.session, secretary, "45/QĐ-UBND", world.decision_date())
    dossier = item.dossier
    dossier.refresh_from_db()
    assert dossier.state == State.PROVINCE_DECIDED and str(dossier.score) == "91.00"

    central_officer = world.officer("central_council", province="")
    central, ministers = world.session(level=Level.CENTRAL, province="")
    central_item = council.schedule(central, dossier, central_officer)
    world.scored(central_item, ministers, [93, 91, 92])
    council.finalise(central_item, central_officer)
    with django_capture_on_commit_callbacks(execute=True):
        council.decide(central, central_officer, "9/QĐ-BNNMT", world.decision_date())

    dossier.refresh_from_db()
    assert dossier.state == State.CERTIFIED
    certificate = dossier.certificate
    assert certificate.stars == 5 and certificate.level == Level.CENTRAL
    assert certificate.number.startswith("OCOP-TW-")
    rating = OcopRating.objects.get(product=product)
    assert rating.stars == 5 and rating.authority == "central"
    assert rating.certificate_number == certificate.number
    assert any(certificate.number in m.body for m in mail.outbox)


def test_a_product_under_50_is_not_certified_with_the_reason(on_agenda):
    item, members, secretary, _product = on_agenda
    world.scored(item, members, [45, 44, 46])
    council.finalise(item, secretary)
    council.decide(item.session, secretary, "46/QĐ-UBND", world.decision_date())
    item.dossier.refresh_from_db()
    assert item.dossier.state == State.NOT_CERTIFIED
    assert "45" in item.dossier.reasons
    assert not Certificate.objects.filter(dossier=item.dossier).exists()
