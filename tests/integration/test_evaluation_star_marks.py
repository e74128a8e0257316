"""Decision 26/2026/QĐ-TTg, Annex II: a starred level is the minimum a product must reach on
that criterion to be rated that many stars, whatever its total (council.rating)."""

from __future__ import annotations

import pytest

from evaluation import council, rubrics
from evaluation.models import Certificate, Level, State
from tests import evaluation_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_agenda():
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    secretary = world.officer("province_secretary")
    dossier = world.checked(world.draft(producer, owner, product), owner, commune_officer)
    held, members = world.session(secretary=secretary)
    return council.schedule(held, dossier, secretary), members, secretary


def _short_of(sheet: dict, total: int, stars: int) -> tuple[dict, str]:
    """Valid points near `total` with one criterion below its mark for `stars` (and no lower)."""
    scores = rubrics.scores_totalling(sheet, total)
    for _part, criterion in rubrics.criteria(sheet):
        need = rubrics.required_points(criterion, stars)
        below = [p for p in rubrics.allowed_points(criterion) if p < need]
        if below and need > rubrics.required_points(criterion, stars - 1):
            scores[criterion["code"]] = max(below)
            return scores, criterion["code"]
    raise AssertionError(f"no criterion marked for {stars} stars")


def test_a_product_over_70_short_of_a_3_star_mark_is_not_certified(on_agenda):
    item, members, secretary = on_agenda
    scores, code = _short_of(item.dossier.rubric, 80, 3)
    assert sum(scores.values()) >= 70
    for member in members:
        council.submit_sheet(item, member, scores)
    council.finalise(item, secretary)
    assert council.rating(item) == (2, [code])
    council.decide(item.session, secretary, "47/QĐ-UBND", world.decision_date())
    item.dossier.refresh_from_db()
    assert item.dossier.state == State.NOT_CERTIFIED
    assert code in item.dossier.reasons and "26/2026" in item.dossier.reasons
    assert not Certificate.objects.filter(dossier=item.dossier).exists()


def test_a_90_point_product_short_of_a_5_star_mark_is_rated_4_stars_by_the_province(on_agenda):
    item, members, secretary = on_agenda
    scores, code = _short_of(item.dossier.rubric, 96, 5)
    assert sum(scores.values()) >= 90
    for member in members:
        council.submit_sheet(item, member, scores)
    council.finalise(item, secretary)
    assert council.rating(item) == (4, [code])
    council.decide(item.session, secretary, "48/QĐ-UBND", world.decision_date())
    item.dossier.refresh_from_db()
    assert item.dossier.state == State.CERTIFIED
    certificate = item.dossier.certificate
    assert certificate.stars == 4 and certificate.level == Level.PROVINCE


def test_the_mean_of_the_members_points_meets_a_mark(on_agenda):
    item, members, secretary = on_agenda
    sheet = item.dossier.rubric
    short, code = _short_of(sheet, 80, 3)
    full = rubrics.scores_totalling(sheet, 80)
    council.submit_sheet(item, members[0], short)
    council.submit_sheet(item, members[1], full)
    council.submit_sheet(item, members[2], full)
    council.finalise(item, secretary)
    criterion = next(c for _p, c in rubrics.criteria(sheet) if c["code"] == code)
    mean = (short[code] + 2 * full[code]) / 3
    expected = 4 if mean >= rubrics.required_points(criterion, 3) else 2
    assert council.rating(item)[0] == expected
