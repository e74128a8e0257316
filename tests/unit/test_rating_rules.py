"""OCOP rating rules read from data: star bands, certifiable stars, authority, validity; GTINs."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from catalogue.rating_rules import RulesError, add_months, parse_rules, read_rules
from catalogue.validators import validate_gtin
from traceability.gs1 import make_gtin13

RULES = read_rules()


@pytest.mark.parametrize(
    ("score", "stars"),
    [(100, 5), (90, 5), (89, 4), (70, 4), (69, 3), (50, 3), (49, 2), (30, 2), (29, 1), (0, 1)],
)
def test_stars_follow_the_score_bands(score, stars):
    assert RULES.stars_for(score) == stars


def test_only_three_stars_and_above_are_certifiable():
    assert [s for s in range(1, 6) if RULES.is_certifiable(s)] == [3, 4, 5]


def test_score_parts_are_a_b_c_out_of_40_25_35():
    assert [(p.code, p.max) for p in RULES.parts] == [("A", 40), ("B", 25), ("C", 35)]
    assert RULES.max_score == 100


def test_the_province_rates_three_and_four_stars_and_the_ministry_five():
    assert [RULES.authority_for(s) for s in (3, 4, 5)] == ["province", "province", "central"]


def test_a_certificate_is_valid_for_36_months():
    assert RULES.expiry_for(datetime.date(2024, 3, 15)) == datetime.date(2027, 3, 15)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)


def test_a_score_outside_0_to_100_is_refused():
    with pytest.raises(RulesError):
        RULES.stars_for(101)
    with pytest.raises(RulesError):
        RULES.stars_for(-1)


def test_bands_are_data_a_new_decision_needs_no_code(tmp_path):
    data = json.loads(
        json.dumps(
            {
                "parts": [
                    {"code": "A", "name": "A", "max": 35},
                    {"code": "B", "name": "B", "max": 25},
                    {"code": "C", "name": "C", "max": 40},
                ],
                "bands": [
                    {"stars": 5, "min_score": 85},
                    {"stars": 4, "min_score": 65},
                    {"stars": 3, "min_score": 0},
                ],
                "certifiable_stars": [4, 5],
            }
        )
    )
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    rules = read_rules(path)
    assert rules.stars_for(86) == 5 and rules.stars_for(70) == 4
    assert not rules.is_certifiable(3)


def test_bands_must_cover_a_score_of_zero():
    with pytest.raises(RulesError):
        parse_rules(
            {
                "parts": [{"code": "A", "name": "A", "max": 100}],
                "bands": [{"stars": 3, "min_score": 50}],
                "certifiable_stars": [3],
            }
        )


def test_a_gtin_with_a_right_check_digit_is_accepted():
    validate_gtin(make_gtin13("1000", "00001"))
    validate_gtin("8934588012228")  # a real Vietnamese GTIN-13
    validate_gtin("")


@pytest.mark.parametrize("value", ["8934588012227", "893458801222", "89345880122a8", "12345"])
def test_a_gtin_with_a_wrong_check_digit_or_shape_is_refused(value):
    with pytest.raises(ValidationError):
        validate_gtin(value)
