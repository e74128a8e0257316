"""A criterion's score is one of its levels' points; the star marks cap the stars."""

from __future__ import annotations

import datetime

from evaluation import rubrics

SHEET_2026 = rubrics.in_force(datetime.date(2026, 6, 1)).sheet("1.3.3")
SHEET_148 = rubrics.in_force(datetime.date(2025, 1, 1)).sheet("1.3.3")


def _criterion(sheet: dict, code: str) -> dict:
    return next(c for _part, c in rubrics.criteria(sheet) if c["code"] == code)


def test_points_between_levels_are_refused():
    scores = rubrics.scores_totalling(SHEET_2026, 70)
    scores["5.3"] = 2  # levels 0, 1, 3, 5
    assert set(rubrics.check_scores(SHEET_2026, scores)) == {"5.3"}
    scores["5.3"] = 9
    assert set(rubrics.check_scores(SHEET_2026, scores)) == {"5.3"}
    scores["5.3"] = 3
    assert rubrics.check_scores(SHEET_2026, scores) == {}


def test_a_criterion_without_levels_takes_any_whole_number_up_to_its_maximum():
    criterion = next(c for _part, c in rubrics.criteria(SHEET_148) if not c.get("levels"))
    assert rubrics.allowed_points(criterion) == list(range(criterion["max"] + 1))


def test_generated_points_are_levels_and_add_up():
    for total in (40, 72, 90, 100):
        scores = rubrics.scores_totalling(SHEET_2026, total)
        assert sum(scores.values()) == total
        assert rubrics.check_scores(SHEET_2026, scores) == {}


def test_a_mark_for_3_stars_caps_a_high_total_at_2_stars():
    scores = rubrics.scores_totalling(SHEET_2026, 80)
    assert rubrics.stars_allowed(SHEET_2026, scores) == 5
    marked = next(
        c
        for _part, c in rubrics.criteria(SHEET_2026)
        if rubrics.required_points(c, 3) > min(rubrics.allowed_points(c))
    )
    scores[marked["code"]] = min(rubrics.allowed_points(marked))
    assert rubrics.stars_allowed(SHEET_2026, scores) == 2
    assert rubrics.marks_missed(SHEET_2026, scores, 3) == [marked["code"]]


def test_a_sheet_without_marks_never_caps():
    assert rubrics.stars_allowed(SHEET_148, {}) == 5
