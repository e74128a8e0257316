"""VietQR (NAPAS EMVCo merchant-presented QR) payloads for bank transfers, and a decoder.

A payload is a string of TLV fields: two-digit id, two-digit length, value. The last
field, 63, is the CRC-16/CCITT-FALSE of everything before it including ``6304``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MEMO_MAX_LENGTH = 25  # some banks cut the memo at about 25 characters
_MEMO_UNSAFE = re.compile(r"[^A-Za-z0-9 ]")


class VietQRError(ValueError):
    """A payload that cannot be built or decoded."""


def crc16_ccitt_false(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def tlv(tag: str, value: str) -> str:
    if len(tag) != 2 or not tag.isdigit():
        raise VietQRError(f"bad tag {tag!r}")
    if len(value) > 99:
        raise VietQRError(f"value of tag {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def clean_memo(memo: str) -> str:
    """The transfer memo as banks accept it: ASCII letters, digits and spaces, at most 25."""
    return _MEMO_UNSAFE.sub("", memo)[:MEMO_MAX_LENGTH]


def build_payload(*, bank_bin: str, account: str, amount: int | None = None, memo: str = "") -> str:
    """A VietQR payload for a transfer to ``account`` at the bank ``bank_bin``.

    With an amount the code is dynamic (01 = ``12``), without one static (``11``).
    """
    if not (len(bank_bin) == 6 and bank_bin.isdigit()):
        raise VietQRError("the bank BIN must be six digits")
    if not account or not account.isalnum():
        raise VietQRError("the account number must be letters and digits")
    if amount is not None and (int(amount) != amount or amount <= 0):
        raise VietQRError("the amount must be a positive whole number of dong")
    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    parts = [
        tlv("00", "01"),
        tlv("01", "12" if amount is not None else "11"),
        tlv("38", merchant),
        tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        parts.append(tlv("54", str(int(amount))))
    parts.append(tlv("58", COUNTRY_VN))
    memo = clean_memo(memo)
    if memo:
        parts.append(tlv("62", tlv("08", memo)))
    body = "".join(parts) + "6304"
    return body + crc16_ccitt_false(body)


def parse_tlv(data: str) -> dict[str, str]:
    """Split a TLV string into {tag: value}; raises VietQRError on a malformed string."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(data):
        tag, length = data[i : i + 2], data[i + 2 : i + 4]
        if len(tag) < 2 or not length.isdigit():
            raise VietQRError(f"malformed field at position {i}")
        value = data[i + 4 : i + 4 + int(length)]
        if len(value) != int(length):
            raise VietQRError(f"field {tag} is shorter than its length")
        fields[tag] = value
        i += 4 + int(length)
    return fields


@dataclass(frozen=True)
class Decoded:
    initiation: str  # "11" static, "12" dynamic
    guid: str
    bank_bin: str
    account: str
    service: str
    currency: str
    amount: int | None
    country: str
    memo: str
    crc: str


def decode(payload: str) -> Decoded:
    """Read a VietQR payload back, checking the CRC first."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("the payload does not end with a CRC field")
    expected = crc16_ccitt_false(payload[:-4])
    if payload[-4:].upper() != expected:
        raise VietQRError(f"CRC mismatch: {payload[-4:]} != {expected}")
    top = parse_tlv(payload)
    if top.get("00") != "01":
        raise VietQRError("field 00 must be 01")
    merchant = parse_tlv(top.get("38", ""))
    beneficiary = parse_tlv(merchant.get("01", ""))
    extra = parse_tlv(top.get("62", ""))
    return Decoded(
        initiation=top.get("01", ""),
        guid=merchant.get("00", ""),
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        service=merchant.get("02", ""),
        currency=top.get("53", ""),
        amount=int(top["54"]) if "54" in top else None,
        country=top.get("58", ""),
        memo=extra.get("08", ""),
        crc=top["63"],
    )
