"""GLN, PGLN and SSCC: GS1's mod-10 check digit, keys built from a company prefix, their URIs."""

from __future__ import annotations

import pytest

from traceability import gs1

# Published by GS1: in the EPCIS 2.0 examples (gs1/EPCIS), the Digital Link standard and the
# General Specifications' SSCC example (00) 1 0614141 234567890 8.
KNOWN_GLNS = ["9506000134307", "4012345000054", "9520123456788", "0614141000005"]
KNOWN_SSCC = "106141412345678908"


def mod10(body: str) -> int:
    """GS1's rule written out independently: weights 3 and 1 from the right, up to ten."""
    weights = [3 if i % 2 == 0 else 1 for i in range(len(body))]
    total = sum(int(d) * w for d, w in zip(reversed(body), weights, strict=True))
    return -total % 10


@pytest.mark.parametrize("gln", KNOWN_GLNS)
def test_gs1s_own_glns_are_valid_and_any_other_last_digit_is_not(gln):
    assert gs1.is_valid_gln(gln)
    assert mod10(gln[:-1]) == int(gln[-1])
    for wrong in set("0123456789") - {gln[-1]}:
        assert not gs1.is_valid_gln(gln[:-1] + wrong)


def test_gs1s_sscc_example_is_valid_and_rebuilt_from_its_parts():
    assert gs1.is_valid_sscc(KNOWN_SSCC)
    assert gs1.make_sscc("0614141", 234567890, extension=1) == KNOWN_SSCC
    assert not gs1.is_valid_sscc(KNOWN_SSCC[:-1] + "9")
    assert not gs1.is_valid_sscc(KNOWN_SSCC[:-1])  # 17 digits
    assert not gs1.is_valid_sscc("10614141234567890８")  # a full-width digit is no digit


def test_a_party_gln_is_the_prefix_with_location_reference_zero():
    assert gs1.make_gln("0614141", 0) == "0614141000005"
    assert gs1.make_gln("9506000", 13430) == "9506000134307"
    assert gs1.pgln_uri("0614141000005") == "https://id.gs1.org/417/0614141000005"


@pytest.mark.parametrize("prefix", ["893100", "8931000", "89310001", "893100012345"])
def test_keys_made_under_any_prefix_length_carry_a_valid_check_digit(prefix):
    width = 12 - len(prefix)
    for reference in {0, 1, 10**width - 1} if width else {0}:
        gln = gs1.make_gln(prefix, reference)
        assert len(gln) == 13 and gln.startswith(prefix) and gs1.is_valid_gln(gln)
    for serial in (0, 1, 10 ** (16 - len(prefix)) - 1):
        sscc = gs1.make_sscc(prefix, serial)
        assert len(sscc) == 18 and sscc[1:].startswith(prefix) and gs1.is_valid_sscc(sscc)
        assert mod10(sscc[:-1]) == int(sscc[-1])


def test_numbers_beyond_a_prefixs_room_are_refused():
    assert gs1.location_capacity("8931000") == 99999
    with pytest.raises(ValueError):
        gs1.make_gln("8931000", 100000)
    with pytest.raises(ValueError):
        gs1.make_sscc("893100012345", 10_000)
    for bad in ("", "89310", "8931000123456", "893１000", "893-100"):
        with pytest.raises(gs1.InvalidValue):
            gs1.check_company_prefix(bad)


def test_a_place_and_a_unit_as_digital_links_and_back():
    assert gs1.gln_uri("9506000134307") == "https://id.gs1.org/414/9506000134307"
    uri = gs1.gln_uri("9506000134307", "Lo/3")
    assert uri == "https://id.gs1.org/414/9506000134307/254/Lo%2F3"
    assert gs1.parse_gln_uri(uri) == ("9506000134307", "Lo/3")
    assert gs1.parse_gln_uri("https://id.gs1.org/414/9506000134308") is None  # check digit
    assert gs1.parse_gln_uri("urn:epc:id:sgln:0614141.00777.0") == ("0614141007776", "")
    assert gs1.sscc_uri(KNOWN_SSCC) == "https://id.gs1.org/00/106141412345678908"


def test_units_and_lots_are_read_as_digital_links_or_epc_urns():
    assert gs1.parse_serial_uri("urn:epc:id:sgtin:0614141.107346.2017") == (
        "10614141073464",
        "2017",
    )
    assert gs1.parse_serial_uri("https://id.gs1.org/01/10614141073464/21/2017") == (
        "10614141073464",
        "2017",
    )
    assert gs1.parse_lot_uri("urn:epc:class:lgtin:4012345.012345.998877") == (
        "04012345123456",
        "998877",
    )
    assert gs1.parse_lot_uri("https://id.gs1.org/01/10614141073464/21/2017") is None
