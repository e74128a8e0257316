"""GS1 identifiers: GTIN check digits, character set 82 and Digital Link URIs.

Plain Python on purpose: no Django here, so the rules can be tested on their own.
References: GS1 General Specifications (7.9 check digits, 7.11 character set 82) and
the GS1 Digital Link URI syntax 1.2 (path order /01/{gtin}/22/…/10/{lot}/21/{serial}).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from urllib.parse import quote, unquote

VIETNAM_PREFIX = "893"
GTIN_LENGTHS = (8, 12, 13, 14)

# GS1 AI encodable character set 82: digits, both cases of A-Z and 20 symbols.
CSET82_SYMBOLS = "!\"%&'()*+,-./:;<=>?_"
CSET82 = frozenset(string.digits + string.ascii_uppercase + string.ascii_lowercase + CSET82_SYMBOLS)
assert len(CSET82) == 82
MAX_LOT_LENGTH = 20  # AI (10)
MAX_SERIAL_LENGTH = 20  # AI (21)

AI_GTIN, AI_LOT, AI_SERIAL = "01", "10", "21"
# Qualifiers a GTIN may carry in a Digital Link path, in the only order allowed.
# (22, the consumer product variant, is not used by the marketplace, so it is refused.)
GTIN_QUALIFIERS = (AI_LOT, AI_SERIAL)


class InvalidValue(ValueError):
    """A value that GS1 refuses; ``code`` says why, ``char`` names the offending character."""

    def __init__(self, code: str, message: str, char: str = "", limit: int = 0):
        super().__init__(message)
        self.code = code
        self.char = char
        self.limit = limit


def check_digit(body: str) -> int:
    """The check digit for a GTIN without its last digit (weights 3,1,3,… from the right)."""
    if not body.isdigit():
        raise ValueError("a GTIN has digits only")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(value: str) -> bool:
    value = (value or "").strip()
    if len(value) not in GTIN_LENGTHS or not value.isdigit() or not value.isascii():
        return False
    return check_digit(value[:-1]) == int(value[-1])


def make_gtin13(company_prefix: str, item_reference: str) -> str:
    """A GTIN-13 under Vietnam's 893 prefix, with its check digit."""
    body = f"{VIETNAM_PREFIX}{company_prefix}{item_reference}"
    if len(body) != 12:
        raise ValueError("prefix, company prefix and item reference must make 12 digits")
    return body + str(check_digit(body))


def to_gtin14(value: str) -> str:
    """Left-pad a valid GTIN-8/12/13 to the 14 digits a GS1 Digital Link URI carries."""
    if not is_valid_gtin(value):
        raise ValueError(f"not a valid GTIN: {value!r}")
    return value.strip().zfill(14)


def check_cset82(value: str, max_length: int = MAX_LOT_LENGTH) -> str:
    """Return ``value`` if GS1 accepts it as a lot or serial, else raise InvalidValue.

    Character set 82 has no space and no letter outside A-Z/a-z, so "LÔ 01" fails twice;
    the first offending character is reported.
    """
    if not value:
        raise InvalidValue("empty", "the value is empty")
    if len(value) > max_length:
        raise InvalidValue("too_long", f"at most {max_length} characters", limit=max_length)
    for char in value:
        if char not in CSET82:
            if char.isspace():
                raise InvalidValue("space", "spaces are not allowed", char=char)
            raise InvalidValue("char", f"{char!r} is not in GS1 character set 82", char=char)
    return value


def encode_value(value: str) -> str:
    """Percent-encode an AI value for a URI path: only A-Z, a-z, 0-9, '-', '.', '_' stay bare."""
    return quote(value, safe="")


@dataclass(frozen=True)
class DigitalLink:
    """A GTIN with optional lot and serial, as a GS1 Digital Link path carries them."""

    gtin: str  # 14 digits
    lot: str | None = None
    serial: str | None = None

    def path(self) -> str:
        parts = [f"/{AI_GTIN}/{self.gtin}"]
        if self.lot is not None:
            parts.append(f"/{AI_LOT}/{encode_value(self.lot)}")
        if self.serial is not None:
            parts.append(f"/{AI_SERIAL}/{encode_value(self.serial)}")
        return "".join(parts)

    def uri(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path()


def build_digital_link(
    base_url: str, gtin: str, lot: str | None = None, serial: str | None = None
) -> str:
    """``https://<site>/01/<GTIN-14>[/10/<lot>][/21/<serial>]``, values checked and encoded."""
    if lot is not None:
        check_cset82(lot, MAX_LOT_LENGTH)
    if serial is not None:
        check_cset82(serial, MAX_SERIAL_LENGTH)
    return DigitalLink(to_gtin14(gtin), lot, serial).uri(base_url)


def _digital_link(gtin: str, qualifiers: list[tuple[str, str]]) -> DigitalLink:
    if not is_valid_gtin(gtin):
        raise InvalidValue("gtin", "not a valid GTIN")
    values: dict[str, str] = {}
    order = [GTIN_QUALIFIERS.index(key) if key in GTIN_QUALIFIERS else -1 for key, _ in qualifiers]
    if -1 in order:
        raise InvalidValue("qualifier", "unknown qualifier")
    if order != sorted(set(order)):
        raise InvalidValue("order", "qualifiers out of order or repeated")
    for key, value in qualifiers:
        values[key] = check_cset82(value, MAX_LOT_LENGTH if key == AI_LOT else MAX_SERIAL_LENGTH)
    return DigitalLink(gtin.zfill(14), values.get(AI_LOT), values.get(AI_SERIAL))


def parse_digital_link(path: str) -> DigitalLink:
    """Parse a percent-encoded path ``/01/<gtin>[/10/<lot>][/21/<serial>]`` (a raw request URI).

    Raises InvalidValue for anything a GS1 Digital Link resolver would refuse: a bad check
    digit, an unknown or misplaced qualifier, a value outside character set 82.
    """
    path = path.split("?", 1)[0].split("#", 1)[0]
    segments = path.strip("/").split("/")
    if len(segments) < 2 or len(segments) % 2 or segments[0] != AI_GTIN:
        raise InvalidValue("syntax", "not a GS1 Digital Link path")
    try:
        decoded = [unquote(s, errors="strict") for s in segments]
    except UnicodeDecodeError as exc:
        raise InvalidValue("syntax", "bad percent-encoding") from exc
    pairs = list(zip(decoded[2::2], decoded[3::2], strict=True))
    return _digital_link(decoded[1], pairs)


def digital_link_candidates(decoded_path: str) -> list[DigitalLink]:
    """Every reading of an already-decoded path, for servers that hand Django no raw URI.

    Decoding turns ``%2F`` into ``/``, so ``/01/…/10/A/21/B`` may be lot ``A`` with serial
    ``B`` or lot ``A/21/B``; the caller tries each against the codes it issued. Paths
    without such an ambiguity give one candidate (or none when invalid).
    """
    path = decoded_path.strip("/")
    head, sep, rest = path.partition("/")
    if head != AI_GTIN or not sep:
        return []
    gtin, sep, rest = rest.partition("/")
    readings: list[list[tuple[str, str]]] = []
    if not rest:
        readings.append([])
    elif rest.startswith(f"{AI_SERIAL}/"):
        readings.append([(AI_SERIAL, rest[3:])])
    elif rest.startswith(f"{AI_LOT}/"):
        lot_and_more = rest[3:]
        readings.append([(AI_LOT, lot_and_more)])
        marker = f"/{AI_SERIAL}/"
        start = lot_and_more.find(marker)
        while start != -1:
            readings.append(
                [(AI_LOT, lot_and_more[:start]), (AI_SERIAL, lot_and_more[start + 4 :])]
            )
            start = lot_and_more.find(marker, start + 1)
    candidates = []
    for qualifiers in readings:
        try:
            candidates.append(_digital_link(gtin, qualifiers))
        except InvalidValue:
            continue
    return candidates


# Keys beyond the GTIN: GLN (places and parties), SSCC (shipping units), all GS1 mod-10.
# A key is built from the owner's GS1 company prefix (GS1 General Specifications 2.4, 2.2).

AI_SSCC, AI_GLN, AI_GLN_EXTENSION, AI_PGLN = "00", "414", "254", "417"
GLN_LENGTH, SSCC_LENGTH = 13, 18
COMPANY_PREFIX_LENGTHS = range(6, 13)  # GS1 issues 4-12; Vietnam's 893 + 4 to 6 digits
CANONICAL_DL = "https://id.gs1.org"


def is_valid_key(value: str, length: int) -> bool:
    """Digits only, ``length`` long, the last one the GS1 mod-10 check digit of the others."""
    value = value or ""
    if len(value) != length or not value.isascii() or not value.isdigit():
        return False
    return check_digit(value[:-1]) == int(value[-1])


def is_valid_gln(value: str) -> bool:
    """A GLN, for a place (AI 414) or a party (AI 417, a "PGLN"): 13 digits."""
    return is_valid_key(value, GLN_LENGTH)


def is_valid_sscc(value: str) -> bool:
    """A Serial Shipping Container Code: extension digit, prefix, serial reference, check."""
    return is_valid_key(value, SSCC_LENGTH)


def check_company_prefix(prefix: str) -> str:
    """Return ``prefix`` if it can be a GS1 company prefix, else raise InvalidValue."""
    if not prefix or not prefix.isascii() or not prefix.isdigit():
        raise InvalidValue("digits", "a GS1 company prefix has digits only")
    if len(prefix) not in COMPANY_PREFIX_LENGTHS:
        raise InvalidValue("length", "a GS1 company prefix has 6 to 12 digits")
    return prefix


def location_capacity(prefix: str) -> int:
    """How many location references a prefix leaves room for (reference 0 is the party)."""
    return 10 ** (GLN_LENGTH - 1 - len(prefix)) - 1


def make_gln(prefix: str, location_reference: int) -> str:
    """The GLN of ``location_reference`` under ``prefix``, with its check digit."""
    check_company_prefix(prefix)
    width = GLN_LENGTH - 1 - len(prefix)
    if not 0 <= location_reference < 10**width:
        raise ValueError(f"a location reference under this prefix has {width} digits")
    body = prefix + str(location_reference).zfill(width) if width else prefix
    return body + str(check_digit(body))


def make_sscc(prefix: str, serial_reference: int, extension: int = 0) -> str:
    """The SSCC of ``serial_reference`` under ``prefix`` (extension digit first)."""
    check_company_prefix(prefix)
    width = SSCC_LENGTH - 2 - len(prefix)
    if not 0 <= serial_reference < 10**width or not 0 <= extension <= 9:
        raise ValueError(f"a serial reference under this prefix has {width} digits")
    body = f"{extension}{prefix}{str(serial_reference).zfill(width)}"
    return body + str(check_digit(body))


def gln_uri(gln: str, extension: str = "", base_url: str = CANONICAL_DL) -> str:
    """A place as a GS1 Digital Link URI: ``/414/<GLN>[/254/<extension>]``."""
    uri = f"{base_url.rstrip('/')}/{AI_GLN}/{gln}"
    return f"{uri}/{AI_GLN_EXTENSION}/{encode_value(extension)}" if extension else uri


def pgln_uri(gln: str, base_url: str = CANONICAL_DL) -> str:
    """A party as a GS1 Digital Link URI: ``/417/<PGLN>``."""
    return f"{base_url.rstrip('/')}/{AI_PGLN}/{gln}"


def sscc_uri(sscc: str, base_url: str = CANONICAL_DL) -> str:
    """A shipping unit as a GS1 Digital Link URI: ``/00/<SSCC>``."""
    return f"{base_url.rstrip('/')}/{AI_SSCC}/{sscc}"


def parse_gln_uri(uri: str) -> tuple[str, str] | None:
    """``(gln, extension)`` of a GLN Digital Link on any domain, or of an SGLN EPC URN.

    ``urn:epc:id:sgln:<prefix>.<location reference>.<extension>`` has no check digit: it is
    computed; extension "0" means none. Anything else gives None.
    """
    uri = uri or ""
    if uri.startswith("urn:epc:id:sgln:"):
        parts = uri[len("urn:epc:id:sgln:") :].split(".")
        if len(parts) != 3 or not (parts[0] + parts[1]).isdigit():
            return None
        body = parts[0] + parts[1]
        if len(body) != GLN_LENGTH - 1 or not body.isascii():
            return None
        extension = "" if parts[2] == "0" else unquote(parts[2])
        return body + str(check_digit(body)), extension
    path = uri.split("://", 1)[-1].partition("/")[2] if "://" in uri else ""
    segments = path.split("?", 1)[0].strip("/").split("/")
    if len(segments) not in (2, 4) or segments[0] != AI_GLN or not is_valid_gln(segments[1]):
        return None
    if len(segments) == 4:
        if segments[2] != AI_GLN_EXTENSION:
            return None
        return segments[1], unquote(segments[3])
    return segments[1], ""


def parse_serial_uri(uri: str) -> tuple[str, str] | None:
    """``(GTIN-14, serial)`` of an SGTIN as a Digital Link (any domain) or an EPC URN."""
    uri = uri or ""
    if uri.startswith("urn:epc:id:sgtin:"):
        parts = uri[len("urn:epc:id:sgtin:") :].split(".", 2)
        if len(parts) != 3 or not (parts[0] + parts[1]).isdigit() or len(parts[1]) < 1:
            return None
        body = parts[1][0] + parts[0] + parts[1][1:]
        if len(body) != 13:
            return None
        return body + str(check_digit(body)), unquote(parts[2])
    path = uri.split("://", 1)[1].partition("/")[2] if "://" in uri else ""
    try:
        link = parse_digital_link("/" + path)
    except InvalidValue:
        return None
    return (link.gtin, link.serial) if link.serial is not None and link.lot is None else None


def parse_lot_uri(uri: str) -> tuple[str, str] | None:
    """``(GTIN-14, lot)`` of an LGTIN class as a Digital Link (any domain) or an EPC URN."""
    uri = uri or ""
    if uri.startswith("urn:epc:class:lgtin:"):
        parts = uri[len("urn:epc:class:lgtin:") :].split(".", 2)
        if len(parts) != 3 or not (parts[0] + parts[1]).isdigit() or len(parts[1]) < 1:
            return None
        body = parts[1][0] + parts[0] + parts[1][1:]
        if len(body) != 13:
            return None
        return body + str(check_digit(body)), unquote(parts[2])
    path = uri.split("://", 1)[1].partition("/")[2] if "://" in uri else ""
    try:
        link = parse_digital_link("/" + path)
    except InvalidValue:
        return None
    return (link.gtin, link.lot) if link.lot is not None and link.serial is None else None
