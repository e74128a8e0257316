"""GS1 Digital Link URIs: GTIN padding and check digits, qualifier order, character set 82."""

from __future__ import annotations

import pytest

from traceability import gs1

BASE = "https://ocop.example.vn"
GTIN13 = gs1.make_gtin13("1000", "00001")  # 893 1000 00001 + check digit
WRONG_CHECK = GTIN13[:-1] + str((int(GTIN13[-1]) + 1) % 10)


def test_it_pads_gtin_8_12_and_13_to_14_digits():
    gtin8 = "96385074"  # a valid GTIN-8 from the GS1 General Specifications
    gtin12 = "036000291452"  # a valid UPC-A
    assert gs1.to_gtin14(gtin8) == "000000" + gtin8
    assert gs1.to_gtin14(gtin12) == "00" + gtin12
    assert gs1.to_gtin14(GTIN13) == "0" + GTIN13
    assert gs1.to_gtin14("0" + GTIN13) == "0" + GTIN13


def test_a_padded_gtin_keeps_its_check_digit():
    gtin14 = gs1.to_gtin14(GTIN13)
    assert gs1.is_valid_gtin(gtin14)
    assert gs1.check_digit(gtin14[:-1]) == int(gtin14[-1])


@pytest.mark.parametrize(
    "bad", [WRONG_CHECK, GTIN13[:-1], "89310000000x3", "", "１２３４５６７８", "0" * 15]
)
def test_it_refuses_gtins_with_a_wrong_check_digit_length_or_characters(bad):
    assert not gs1.is_valid_gtin(bad)
    with pytest.raises(ValueError):
        gs1.to_gtin14(bad)


def test_it_builds_the_uri_with_qualifiers_in_order():
    uri = gs1.build_digital_link(BASE, GTIN13, lot="L2025-01", serial="ABC123")
    assert uri == f"{BASE}/01/0{GTIN13}/10/L2025-01/21/ABC123"


def test_it_percent_encodes_reserved_characters_of_lots_and_serials():
    uri = gs1.build_digital_link(BASE + "/", GTIN13, lot="25/07-A", serial="X&Y?")
    assert uri == f"{BASE}/01/0{GTIN13}/10/25%2F07-A/21/X%26Y%3F"


def test_every_character_of_set_82_survives_a_round_trip():
    symbols = gs1.CSET82_SYMBOLS
    for start in range(0, len(symbols), 10):
        lot = symbols[start : start + 10] + "Az9"
        link = gs1.parse_digital_link(gs1.DigitalLink(gs1.to_gtin14(GTIN13), lot).path())
        assert link.lot == lot


def test_it_parses_a_raw_path_back_into_its_parts():
    link = gs1.parse_digital_link(f"/01/{GTIN13}/10/25%2F07-A/21/SN1?linkType=all")
    assert link == gs1.DigitalLink("0" + GTIN13, "25/07-A", "SN1")


@pytest.mark.parametrize(
    "path",
    [
        f"/01/{GTIN13}/21/SN1/10/LOT",  # serial before lot
        f"/01/{GTIN13}/10/A/10/B",  # lot twice
        f"/01/{GTIN13}/22/V1/10/A",  # a consumer product variant the marketplace never prints
        f"/01/{GTIN13}/10",  # a key without its value
        f"/10/LOT/01/{GTIN13}",  # primary key not first
        f"/01/{WRONG_CHECK}/10/LOT",  # wrong check digit
        f"/01/{GTIN13}/10/L%C3%94",  # "LÔ": not in character set 82
        f"/01/{GTIN13}/10/{'A' * 21}",  # too long
        f"/01/{GTIN13}/10/%FF",  # not UTF-8
    ],
)
def test_it_refuses_malformed_paths(path):
    with pytest.raises(gs1.InvalidValue):
        gs1.parse_digital_link(path)


def test_a_decoded_path_with_a_slash_in_the_lot_has_one_reading():
    links = gs1.digital_link_candidates(f"01/{GTIN13}/10/25/07-A")
    assert links == [gs1.DigitalLink("0" + GTIN13, "25/07-A")]


def test_a_decoded_path_that_could_hold_a_serial_is_read_both_ways():
    links = gs1.digital_link_candidates(f"/01/{GTIN13}/10/A/21/B")
    assert gs1.DigitalLink("0" + GTIN13, "A/21/B") in links
    assert gs1.DigitalLink("0" + GTIN13, "A", "B") in links


def test_decoded_paths_that_are_not_digital_links_have_no_reading():
    assert gs1.digital_link_candidates("01/123/10/LOT") == []
    assert gs1.digital_link_candidates(f"01/{GTIN13}/10/LÔ 1") == []
    assert gs1.digital_link_candidates("../../etc/passwd") == []
    assert gs1.digital_link_candidates(f"01/{GTIN13}/10/" + "A" * 500) == []
