"""VietQR payloads: the CRC, every field, and independent test vectors."""

from __future__ import annotations

import pytest

from payment import vietqr

# NAPAS's published example (static code to account 0099999999 at BIN 970423).
NAPAS_EXAMPLE = (
    "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4"
)


def test_it_computes_the_crc16_ccitt_false_check_value():
    assert vietqr.crc16_ccitt_false("123456789") == "29B1"


def test_it_checks_the_crc_of_the_napas_example():
    assert vietqr.crc16_ccitt_false(NAPAS_EXAMPLE[:-4]) == "CBB4"
    assert vietqr.decode(NAPAS_EXAMPLE).crc == "CBB4"


def test_it_builds_the_napas_example_exactly():
    assert vietqr.build_payload(bank_bin="970423", account="0099999999") == NAPAS_EXAMPLE


def test_it_builds_a_dynamic_code_with_amount_and_order_memo():
    payload = vietqr.build_payload(
        bank_bin="970436", account="1012345678", amount=1250000, memo="OCOP 100042"
    )
    decoded = vietqr.decode(payload)
    assert decoded.initiation == "12"
    assert decoded.guid == "A000000727"
    assert decoded.bank_bin == "970436"
    assert decoded.account == "1012345678"
    assert decoded.service == "QRIBFTTA"
    assert decoded.currency == "704"
    assert decoded.amount == 1250000
    assert decoded.country == "VN"
    assert decoded.memo == "OCOP 100042"
    assert payload.startswith("000201010212")
    assert payload[-8:-4] == "6304"
    assert payload[-4:] == vietqr.crc16_ccitt_false(payload[:-4])


def test_it_encodes_fields_in_order_with_lengths():
    payload = vietqr.build_payload(
        bank_bin="970436", account="1012345678", amount=50000, memo="OCOP 1"
    )
    fields = vietqr.parse_tlv(payload)
    assert list(fields) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert fields["54"] == "50000"
    assert fields["62"] == "0806OCOP 1"


def test_it_rejects_a_payload_with_a_wrong_crc():
    with pytest.raises(vietqr.VietQRError):
        vietqr.decode(NAPAS_EXAMPLE[:-4] + "0000")


def test_it_keeps_the_memo_ascii_and_short_enough_for_banks():
    assert vietqr.clean_memo("Đơn hàng #100042 — cảm ơn!") == "n hng 100042  cm n"[:25]
    assert len(vietqr.clean_memo("X" * 40)) == 25


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bank_bin": "97043", "account": "1"},
        {"bank_bin": "970436", "account": ""},
        {"bank_bin": "970436", "account": "1", "amount": -5},
        {"bank_bin": "970436", "account": "1", "amount": 10.5},
    ],
)
def test_it_refuses_bad_input(kwargs):
    with pytest.raises(vietqr.VietQRError):
        vietqr.build_payload(**kwargs)
