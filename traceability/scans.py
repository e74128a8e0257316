"""Scans of the printed codes: logged cheaply, located if the visitor agrees, checked for copies.

A scan never breaks the page: buffered in Redis and written in batches when there is one
(scan_buffer.py, which states what a crash can lose), else one INSERT; robots and floods
are not logged. A unit scanned far more often than one unit plausibly is, or in places too
far apart within a short time, is flagged; only evidence since a reviewer last cleared it
counts (serials.py), buffered scans included.

A location is reported with the signed token of the visitor's own page view: it names the
scan and a keyed hash of the visitor's address, so a token copied to another address is
refused, and each scan is located once. One report per unit (or batch code) per address in
each clock hour, so one label held at one address cannot make up a journey.
"""

from __future__ import annotations

import datetime
import logging
import math
import re
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from lib import consent, ratelimit
from lib.http import client_ip

from . import scan_buffer
from .models import Scan, Serial
from .signals import location_recorded, scan_recorded

if TYPE_CHECKING:
    from .lookup import Origin

logger = logging.getLogger(__name__)

SCAN_TOKEN_SALT = "traceability.scan"
SCAN_TOKEN_MAX_AGE = 60 * 60
LOCATION_WINDOW_SECONDS = 60 * 60  # one report per unit and address in each clock hour
TRAVEL_WINDOW_HOURS = 48

BOT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|zalo.*link|curl|wget|python-", re.I
)
TABLET = re.compile(r"ipad|tablet|kindle|silk|playbook|(android(?!.*mobi))", re.I)
PHONE = re.compile(r"mobi|iphone|ipod|android|windows phone|opera mini", re.I)


def device_class(user_agent: str) -> str | None:
    """'phone', 'tablet', 'desktop' or 'other'; None for robots and link previews, never logged."""
    if not user_agent:
        return Scan.Device.OTHER
    if BOT.search(user_agent):
        return None
    if TABLET.search(user_agent):
        return Scan.Device.TABLET
    if PHONE.search(user_agent):
        return Scan.Device.PHONE
    if "Mozilla" in user_agent:
        return Scan.Device.DESKTOP
    return Scan.Device.OTHER


def within_rate(request, bucket: str = "scan") -> bool:
    """At most TRACE_SCANS_PER_MINUTE per address a minute; a broken cache lets everything through."""
    key = f"trace:{bucket}:{client_ip(request)}"
    return ratelimit.allow(key, settings.TRACE_SCANS_PER_MINUTE, 60)


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def record_scan(request, origin: Origin) -> Scan | None:
    """Log one scan; robots, floods and database trouble are skipped.

    Buffered in Redis when there is one (scan_buffer.py): the row is written later, in a
    batch. Otherwise, or for a signed-in visitor (compliance links the row to the account),
    one INSERT. Either way the origin's figures then count the buffered scans of its code,
    so the counterfeit check sees them before they are written.
    """
    if request.method != "GET":
        return None
    device = device_class(request.META.get("HTTP_USER_AGENT", ""))
    if device is None or not within_rate(request):
        return None
    scan = Scan(
        uid=uuid.uuid4(),
        batch_id=origin.batch.pk,
        serial_id=origin.serial.pk if origin.serial else None,
        device=device,
        scanned_at=timezone.now(),
    )
    buffered = None if _signed_in(request) else scan_buffer.push(scan)
    if buffered is not None:
        count_buffered(origin, buffered, this_scan=True)
    else:
        try:
            insert_scan(scan)
        except DatabaseError:
            logger.exception("could not log a scan of batch %s", origin.batch.pk)
            return None
        try:
            scan_recorded.send(sender=Scan, request=request, scan=scan)
        except DatabaseError:
            logger.exception("could not link scan %s to its visitor", scan.pk)
        count_buffered(origin)
    scans = origin.previous_scans + 1
    if origin.serial and not origin.serial.flag and origin.serial.is_suspicious(scans):
        try:
            origin.serial.raise_flag(Serial.Flag.TOO_MANY_SCANS, scans=scans)
        except DatabaseError:
            logger.exception("could not flag serial %s", origin.serial.pk)
    return scan


def count_buffered(
    origin: Origin, buffered: scan_buffer.Buffered | None = None, *, this_scan: bool = False
) -> None:
    """Add the code's scans still waiting in the buffer to its figures, once.

    ``buffered`` is what the buffer answered when this scan went in (``this_scan``): it
    counts that one too, which the figures' "previous scans" do not.
    """
    if origin.buffered_counted:
        return
    origin.buffered_counted = True
    if buffered is None:
        buffered = scan_buffer.pending(origin.batch.pk, origin.serial.pk if origin.serial else None)
    waiting = buffered.count - (1 if this_scan else 0)
    if waiting <= 0:
        return
    origin.previous_scans += waiting
    if buffered.first is not None:
        first = datetime.datetime.fromtimestamp(buffered.first, datetime.UTC)
        known = origin.first_scanned_at
        origin.first_scanned_at = min(known, first) if known else first


# On PostgreSQL the scan's commit does not wait for its WAL to reach the disk (about 3 ms
# here): synchronous_commit is turned off for this statement's own transaction only. A crash
# may lose the last fraction of a second of scans; orders and payments are untouched.
_ASYNC_INSERT = (
    "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) "
    "INSERT INTO {table} (uid, batch_id, serial_id, scanned_at, device) "
    "SELECT %s, %s, %s, %s, %s FROM relaxed RETURNING id"
)


def insert_scan(scan: Scan) -> Scan:
    """One INSERT: the scan written on the request, when it is not buffered."""
    if connection.vendor != "postgresql":
        scan.save(force_insert=True)
        return scan
    with connection.cursor() as cursor:
        cursor.execute(
            _ASYNC_INSERT.format(table=connection.ops.quote_name(Scan._meta.db_table)),
            [scan.uid, scan.batch_id, scan.serial_id, scan.scanned_at, scan.device],
        )
        scan.pk = cursor.fetchone()[0]
    return scan


def _address_tag(request) -> str:
    """A keyed hash of the visitor's address: binds a token to it without printing it."""
    return salted_hmac(SCAN_TOKEN_SALT, client_ip(request)).hexdigest()[:16]


def scan_token(scan: Scan, request) -> str:
    """What the visitor's page posts to locate this scan: signed, for this address, one hour.

    A buffered scan has no row yet: its token carries the row (no more than the row holds),
    which the location report writes if the flush has not yet (scan_buffer.py: once, by uid).
    """
    payload: dict = {"to": _address_tag(request)}
    if scan.pk:
        payload["scan"] = scan.pk
    else:
        payload["row"] = [
            scan.uid.hex,
            scan.batch_id,
            scan.serial_id,
            scan.scanned_at.timestamp(),
            scan.device,
        ]
    return signing.dumps(payload, salt=SCAN_TOKEN_SALT, compress=True)


class LocationRefused(Exception):
    """A location report that is not recorded: its HTTP status, a code and a message."""

    def __init__(self, status: int, code: str, message):
        super().__init__(code)
        self.status, self.code, self.message = status, code, message


BAD_TOKEN = (400, "bad_token", _("This page's location link is not valid: reload the page."))
EXPIRED = (400, "expired", _("This page is more than an hour old: reload it, then try again."))
BAD_PLACE = (400, "bad_coordinates", _("The latitude or longitude is not valid."))
OTHER_ADDRESS = (
    403,
    "other_address",
    _("This location link belongs to another visitor's page view: reload the page."),
)
NO_CONSENT = (
    403,
    "consent_withdrawn",
    _("You withdrew your consent to record locations on scans: nothing was recorded."),
)
ALREADY = (403, "already_located", _("The location of this scan is already recorded."))
FLOOD = (429, "flood", _("Too many requests from your connection: try again in a minute."))
TOO_OFTEN = (
    429,
    "too_often",
    _("A location was already shared for this code from your connection this hour."),
)


def _coarse(value: str, limit: int) -> Decimal | None:
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return None
    if not number.is_finite() or abs(number) > limit:
        return None
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _scan_id(request, token: str) -> int:
    try:
        payload = signing.loads(token, salt=SCAN_TOKEN_SALT, max_age=SCAN_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise LocationRefused(*EXPIRED) from None
    except signing.BadSignature:
        raise LocationRefused(*BAD_TOKEN) from None
    if not isinstance(payload, dict):
        raise LocationRefused(*BAD_TOKEN)
    scan_id, tag = payload.get("scan"), payload.get("to")
    row = _buffered_row(payload.get("row")) if scan_id is None else None
    if not (isinstance(scan_id, int) or row) or not isinstance(tag, str):
        raise LocationRefused(*BAD_TOKEN)
    if not constant_time_compare(tag, _address_tag(request)):
        raise LocationRefused(*OTHER_ADDRESS)
    if row is None:
        return scan_id
    scan_buffer.write([row])  # the flush may not have written it yet; if it has, a no-op
    return Scan.objects.filter(uid=row.uid).values_list("pk", flat=True).first() or 0


def _buffered_row(row) -> Scan | None:
    """The row a buffered scan's token carries (signed by us, so well formed), as a Scan."""
    if not isinstance(row, list) or len(row) != 5:
        return None
    uid, batch_id, serial_id, at, device = row
    try:
        return Scan(
            uid=uuid.UUID(uid),
            batch_id=int(batch_id),
            serial_id=int(serial_id) if serial_id is not None else None,
            scanned_at=datetime.datetime.fromtimestamp(at, datetime.UTC),
            device=str(device),
        )
    except (TypeError, ValueError, OverflowError):
        return None


def record_location(request, token: str, latitude: str, longitude: str) -> Scan:
    """Attach the visitor's shared, coarse location to their scan; check the unit's travel.

    Raises LocationRefused, with what to tell the visitor, when nothing is recorded.
    """
    scan_id = _scan_id(request, token)
    if not consent.allows(getattr(request, "user", None), "scan_location"):
        raise LocationRefused(*NO_CONSENT)  # PDP Law 91/2025/QH15, Art. 12: withdrawal stops it
    lat, lon = _coarse(latitude, 90), _coarse(longitude, 180)
    if lat is None or lon is None:
        raise LocationRefused(*BAD_PLACE)
    scan = Scan.objects.filter(pk=scan_id).select_related("serial").first()
    if scan is None:
        raise LocationRefused(*BAD_TOKEN)
    if scan.latitude is not None:
        raise LocationRefused(*ALREADY)
    code = f"u{scan.serial_id}" if scan.serial_id else f"b{scan.batch_id}"
    key = f"trace:located:{code}:{client_ip(request)}"
    if not ratelimit.allow(key, 1, LOCATION_WINDOW_SECONDS):
        raise LocationRefused(*TOO_OFTEN)
    if not Scan.objects.filter(pk=scan_id, latitude__isnull=True).update(
        latitude=lat, longitude=lon
    ):
        raise LocationRefused(*ALREADY)  # a second report of the same scan won the race
    scan.latitude, scan.longitude = lat, lon
    if scan.serial and not scan.serial.flag and travels_too_fast(scan):
        scan.serial.raise_flag(Serial.Flag.IMPOSSIBLE_TRAVEL)
    location_recorded.send(sender=Scan, request=request, scan=scan)
    return scan


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def travels_too_fast(scan: Scan) -> bool:
    """Whether another located scan of the same unit is farther than anyone could have travelled.

    Only scans after the unit's last review count: what a reviewer weighed is not new.
    """
    window = datetime.timedelta(hours=TRAVEL_WINDOW_HOURS)
    others = Scan.objects.filter(
        serial_id=scan.serial_id,
        latitude__isnull=False,
        scanned_at__gte=scan.scanned_at - window,
        scanned_at__lte=scan.scanned_at + window,
    ).exclude(pk=scan.pk)
    cleared_at = scan.serial.cleared_at if scan.serial else None
    if cleared_at:
        if scan.scanned_at <= cleared_at:
            return False
        others = others.filter(scanned_at__gt=cleared_at)
    others = others.values_list("latitude", "longitude", "scanned_at")[:200]
    for lat, lon, when in others:
        km = distance_km(float(scan.latitude), float(scan.longitude), float(lat), float(lon))
        hours = max(abs((scan.scanned_at - when).total_seconds()) / 3600, 1 / 60)
        if km >= settings.TRACE_TRAVEL_MIN_KM and km / hours > settings.TRACE_TRAVEL_KM_PER_HOUR:
            return True
    return False


# Reloads. The browser that scanned a code keeps, in a signed cookie, which codes it scanned
# and when: opening the same page again within TRACE_RELOAD_WINDOW_SECONDS is a reload, not
# another scan, so the count the page shows does not climb with every refresh.

SEEN_COOKIE = "trace_seen"
SEEN_SALT = "traceability.seen"
SEEN_KEPT = 20  # codes remembered per browser


def _seen_key(origin: Origin) -> str:
    serial = origin.serial.pk if origin.serial else 0
    return f"{origin.batch.pk}.{serial}"


def _seen(request) -> dict[str, int]:
    raw = request.get_signed_cookie(SEEN_COOKIE, default="", salt=SEEN_SALT)
    seen = {}
    for item in raw.split():
        key, _sep, stamp = item.partition(":")
        if stamp.isdigit():
            seen[key] = int(stamp)
    return seen


def seen_recently(request, origin: Origin) -> bool:
    """Whether this browser counted a scan of this code less than the reload window ago."""
    stamp = _seen(request).get(_seen_key(origin))
    now = int(timezone.now().timestamp())
    return stamp is not None and 0 <= now - stamp < settings.TRACE_RELOAD_WINDOW_SECONDS


def remember_seen(response, request, origin: Origin) -> None:
    """Note on the response that this browser has just been counted for this code."""
    now = int(timezone.now().timestamp())
    window = settings.TRACE_RELOAD_WINDOW_SECONDS
    if window <= 0:
        return
    seen = {k: v for k, v in _seen(request).items() if now - v < window}
    seen[_seen_key(origin)] = now
    kept = sorted(seen.items(), key=lambda item: item[1])[-SEEN_KEPT:]
    response.set_signed_cookie(
        SEEN_COOKIE,
        " ".join(f"{key}:{stamp}" for key, stamp in kept),
        salt=SEEN_SALT,
        max_age=window,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
