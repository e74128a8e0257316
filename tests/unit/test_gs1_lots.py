"""Lot codes and serials are limited to GS1's character set 82, at most 20 characters."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from traceability import gs1
from traceability.validators import validate_lot, validate_serial


def test_character_set_82_is_letters_digits_and_twenty_symbols():
    assert len(gs1.CSET82) == 82
    assert set("!\"%&'()*+,-./:;<=>?_") <= gs1.CSET82
    for char in " #$@[]^`{|}~\\đÔ":
        assert char not in gs1.CSET82


@pytest.mark.parametrize("lot", ["L2025-07", "25/07-A", "a.b_c", "(1)*+,:;<=>?", "X" * 20])
def test_it_accepts_lots_from_character_set_82(lot):
    assert gs1.check_cset82(lot) == lot
    validate_lot(lot)


def _error(lot: str, language: str) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught, translation.override(language):
        validate_lot(lot)
    with translation.override(language):
        return caught.value.code, caught.value.messages[0]


def test_it_refuses_a_space_with_a_clear_message():
    code, message = _error("LOT 01", "en")
    assert code == "gs1_space"
    assert "cannot contain spaces" in message and "GS1 character set 82" in message


def test_it_names_the_vietnamese_letter_it_refuses():
    code, message = _error("LÔ-01", "en")
    assert code == "gs1_char"
    assert "“Ô”" in message


def test_the_message_is_in_vietnamese_for_vietnamese_users():
    assert "khoảng trắng" in _error("Lo 1", "vi")[1]
    assert "“ô”" in _error("lô1", "vi")[1]


def test_it_refuses_more_than_20_characters():
    with pytest.raises(ValidationError) as caught:
        validate_lot("A" * 21)
    assert caught.value.code == "gs1_too_long"
    with pytest.raises(ValidationError):
        validate_serial("S" * 21)
    with pytest.raises(ValidationError):
        validate_lot("L" * 500)


def test_it_refuses_an_empty_lot():
    with pytest.raises(gs1.InvalidValue):
        gs1.check_cset82("")
