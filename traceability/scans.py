"""Scans of the printed codes: logged cheaply, located if the visitor agrees, checked for copies.

A scan is one INSERT that never breaks the page; robots and floods are not logged. A unit
scanned far more often than one unit plausibly is, or in places too far apart within a short
time, is flagged.
"""

from __future__ import annotations

import datetime
import logging
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, connection
from django.utils import timezone

from lib import ratelimit
from lib.http import client_ip

from .models import Scan, Serial

if TYPE_CHECKING:
    from .lookup import Origin

logger = logging.getLogger(__name__)

SCAN_TOKEN_SALT = "traceability.scan"
SCAN_TOKEN_MAX_AGE = 60 * 60
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


def record_scan(request, origin: Origin) -> Scan | None:
    """Log one scan with a single INSERT; robots, floods and database trouble are skipped."""
    if request.method != "GET":
        return None
    device = device_class(request.META.get("HTTP_USER_AGENT", ""))
    if device is None or not within_rate(request):
        return None
    try:
        scan = insert_scan(origin.batch.pk, origin.serial.pk if origin.serial else None, device)
    except DatabaseError:
        logger.exception("could not log a scan of batch %s", origin.batch.pk)
        return None
    if origin.serial and origin.previous_scans + 1 > settings.TRACE_SERIAL_SCAN_LIMIT:
        try:
            origin.serial.raise_flag(Serial.Flag.TOO_MANY_SCANS)
        except DatabaseError:
            logger.exception("could not flag serial %s", origin.serial.pk)
    return scan


# On PostgreSQL the scan's commit does not wait for its WAL to reach the disk (about 3 ms
# here): synchronous_commit is turned off for this statement's own transaction only. A crash
# may lose the last fraction of a second of scans; orders and payments are untouched.
_ASYNC_INSERT = (
    "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) "
    "INSERT INTO {table} (batch_id, serial_id, scanned_at, device) "
    "SELECT %s, %s, %s, %s FROM relaxed RETURNING id"
)


def insert_scan(batch_id: int, serial_id: int | None, device: str) -> Scan:
    """One INSERT, the only write an origin page makes."""
    scan = Scan(batch_id=batch_id, serial_id=serial_id, device=device, scanned_at=timezone.now())
    if connection.vendor != "postgresql":
        scan.save(force_insert=True)
        return scan
    with connection.cursor() as cursor:
        cursor.execute(
            _ASYNC_INSERT.format(table=connection.ops.quote_name(Scan._meta.db_table)),
            [batch_id, serial_id, scan.scanned_at, device],
        )
        scan.pk = cursor.fetchone()[0]
    return scan


def scan_token(scan: Scan) -> str:
    return signing.dumps(scan.pk, salt=SCAN_TOKEN_SALT, compress=True)


def _coarse(value: str, limit: int) -> Decimal | None:
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return None
    if not number.is_finite() or abs(number) > limit:
        return None
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def record_location(token: str, latitude: str, longitude: str) -> bool:
    """Attach the visitor's shared, coarse location to their scan; check the serial's travel."""
    try:
        scan_id = signing.loads(token, salt=SCAN_TOKEN_SALT, max_age=SCAN_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    lat, lon = _coarse(latitude, 90), _coarse(longitude, 180)
    if lat is None or lon is None or not isinstance(scan_id, int):
        return False
    updated = Scan.objects.filter(pk=scan_id, latitude__isnull=True).update(
        latitude=lat, longitude=lon
    )
    if not updated:
        return False
    scan = Scan.objects.select_related("serial").get(pk=scan_id)
    if scan.serial and travels_too_fast(scan):
        scan.serial.raise_flag(Serial.Flag.IMPOSSIBLE_TRAVEL)
    return True


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def travels_too_fast(scan: Scan) -> bool:
    """Whether another located scan of the same unit is farther than anyone could have travelled."""
    window = datetime.timedelta(hours=TRAVEL_WINDOW_HOURS)
    others = (
        Scan.objects.filter(
            serial_id=scan.serial_id,
            latitude__isnull=False,
            scanned_at__gte=scan.scanned_at - window,
            scanned_at__lte=scan.scanned_at + window,
        )
        .exclude(pk=scan.pk)
        .values_list("latitude", "longitude", "scanned_at")[:200]
    )
    for lat, lon, when in others:
        km = distance_km(float(scan.latitude), float(scan.longitude), float(lat), float(lon))
        hours = max(abs((scan.scanned_at - when).total_seconds()) / 3600, 1 / 60)
        if km >= settings.TRACE_TRAVEL_MIN_KM and km / hours > settings.TRACE_TRAVEL_KM_PER_HOUR:
            return True
    return False
