"""Vietnamese text folding and typo tolerance: what lets "ca phe" find "Cà phê"."""

from __future__ import annotations

import pytest

from lib.text import fold, search_text
from search.text import MAX_QUERY_TERMS, terms, within_one_edit


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ca phe buon ma thuot", "Cà phê Buôn Ma Thuột"),
        ("nuoc mam", "Nước mắm"),
        ("dak lak", "Đắk Lắk"),
        ("DAK LAK", "đắk lắk"),
        ("che thai nguyen", "Chè Thái Nguyên"),
    ],
)
def test_it_folds_typed_and_stored_text_to_the_same_words(typed, stored):
    assert fold(typed) == fold(stored)


def test_it_turns_d_with_stroke_into_d():
    assert fold("Đồng Tháp đặc sản") == "dong thap dac san"


def test_it_collapses_white_space_and_lowers_case():
    assert fold("  Cà   PHÊ\tSữa ") == "ca phe sua"


def test_terms_drop_punctuation_and_sql_or_html_metacharacters():
    assert terms("cà phê'; DROP TABLE catalogue_product;--") == [
        "ca",
        "phe",
        "drop",
        "table",
        "catalogue",
        "product",
    ]
    assert terms("<script>alert(1)</script>") == ["script", "alert", "1"]


def test_search_text_keeps_words_only():
    assert search_text("Cà phê (Robusta), túi 500g – Đắk Lắk!") == "ca phe robusta tui 500g dak lak"
    assert search_text("  ") == ""


def test_terms_of_a_huge_query_stay_bounded():
    words = terms("cà phê " * 500 + " ".join(f"w{i}" for i in range(100)))
    assert len(words) <= MAX_QUERY_TERMS
    assert terms("") == [] and terms(None) == [] and terms("   ") == []


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("thout", "thuot"),  # a letter missing
        ("thuoot", "thuot"),  # a letter added
        ("thuat", "thuot"),  # a letter wrong
        ("tuhot", "thuot"),  # two letters swapped
        ("thuot", "thuot"),
    ],
)
def test_one_typo_is_tolerated(typed, word):
    assert within_one_edit(typed, word)


@pytest.mark.parametrize(
    ("typed", "word"), [("thot", "thuong"), ("abcde", "edcba"), ("muoi", "nuoc")]
)
def test_two_typos_are_not(typed, word):
    assert not within_one_edit(typed, word)


@pytest.mark.parametrize(
    ("joined", "known", "read"),
    [
        ("caphe", {"ca", "phe", "cap", "he"}, [["ca", "phe"], ["cap", "he"]]),
        ("nuocmam", {"nuoc", "mam", "nu"}, [["nuoc", "mam"]]),
        ("banhtrang", {"banh", "trang", "tra"}, [["banh", "trang"]]),
        ("ongg", {"ong", "on"}, []),  # "g" is no word: a typo, not two words
        ("2025", {"20", "25"}, []),  # numbers are not syllables
    ],
)
def test_a_joined_word_splits_into_known_words_fewest_first(joined, known, read):
    from search.vocabulary import splits

    assert sorted(splits(joined, known)) == sorted(read)


def test_edit_distance_counts_edits_up_to_a_limit():
    from search.text import edit_distance

    assert edit_distance("onggg", "ong") == 2
    assert edit_distance("thuot", "thout") == 2
    assert edit_distance("abcdef", "uvwxyz") == 3  # beyond the limit of 2
    assert edit_distance("mat", "mat") == 0


def test_only_words_typed_with_diacritics_count_as_exact_spellings():
    from search.query import accented_words

    assert accented_words("Nươc mắm, ca phe!") == ["nươc", "mắm"]
    assert accented_words("ca phe") == [] and accented_words(None) == []
