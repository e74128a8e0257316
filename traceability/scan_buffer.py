"""Scans off the request path: buffered in Redis, written in batches by a Celery task.

With a Redis cache (REDIS_URL), an origin page does not INSERT its scan. It appends the scan
(its own UUID, batch, unit, time and device class: what the row stores, nothing more) to a
Redis list and counts it per code in a hash, in one MULTI round trip that also answers how
many scans of that code wait in the buffer. The page and the counterfeit check add those to
the written ones, so a copied code is flagged before its scans are written.

`flush` writes them: Celery beat runs it every TRACE_SCAN_FLUSH_SECONDS, and a page whose
scan fills the buffer to a multiple of TRACE_SCAN_BUFFER_SIZE sends it at once. One flusher
at a time holds a lock (its own token, TRACE_SCAN_FLUSH_LOCK_SECONDS). A round

 1. moves up to TRACE_SCAN_BUFFER_SIZE entries from the buffer to a processing list in one
    Lua script (atomic), unless a dead flusher left entries there: those are taken first;
 2. inserts them with `bulk_create(ignore_conflicts=True)`: the unique `Scan.uid` makes a
    second insert of the same scan a no-op;
 3. in one Lua script, if it still holds the lock, uncounts them and drops the processing list.

What a crash can lose. A flusher killed at any point loses nothing and counts nothing twice:
its entries stay in the processing list, its lock expires, and the next flush writes them
(again: the rows already written are skipped by their uid). Between the insert and step 3 the
page counts those scans twice, until that next flush. What Redis holds is lost with Redis: a
Redis crash or restart without persistence loses the scans not yet written, normally those of
the last TRACE_SCAN_FLUSH_SECONDS (5 s), more while no worker runs; with `appendonly yes`
(`appendfsync everysec`) at most the last second's. Redis must not evict the buffer: its keys
have no expiry, so a `volatile-*` or `noeviction` policy keeps them (docs/operations.md).

Without Redis (the embedded default: SQLite, a local or file cache), or while Redis cannot be
reached, or for a signed-in visitor (whose scan compliance links to the account at once), the
scan is written on the request as before: one INSERT, nothing buffered.
"""

from __future__ import annotations

import datetime
import json
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from lib.cache import UNREACHABLE, RedisCache

from .models import Batch, Scan, Serial

logger = logging.getLogger(__name__)

PENDING, PROCESSING, COUNTS, LOCK = (
    "trace:scans:pending",
    "trace:scans:processing",
    "trace:scans:counts",
    "trace:scans:lock",
)

# KEYS: pending, processing. ARGV: how many. What a dead flusher left comes first.
_MOVE = """
if redis.call('LLEN', KEYS[2]) > 0 then return redis.call('LRANGE', KEYS[2], 0, -1) end
local items = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
if #items > 0 then
  redis.call('RPUSH', KEYS[2], unpack(items))
  redis.call('LTRIM', KEYS[1], #items, -1)
end
return items
"""

# KEYS: processing, counts, lock. ARGV: the lock's token, its lifetime in ms.
_ACK = """
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return -1 end
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, item in ipairs(items) do
  local ok, entry = pcall(cjson.decode, item)
  if ok and type(entry) == 'table' and entry['c'] then
    local n = redis.call('HINCRBY', KEYS[2], 'n:' .. entry['c'], -1)
    if n <= 0 then redis.call('HDEL', KEYS[2], 'n:' .. entry['c'], 'f:' .. entry['c']) end
  end
end
redis.call('DEL', KEYS[1])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return #items
"""

# KEYS: lock. ARGV: the token.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@dataclass
class Buffered:
    """What the buffer holds for one code: how many scans and the earliest one's time."""

    count: int = 0
    first: float | None = None


def _backend() -> RedisCache | None:
    """The Redis cache when scans are buffered and Redis is reachable now; None otherwise."""
    if not settings.TRACE_SCAN_BUFFER:
        return None
    backend = caches["default"]
    if not isinstance(backend, RedisCache) or not backend.is_reachable:
        return None
    return backend


def enabled() -> bool:
    """Whether scans go to the buffer now (Redis cache, buffering on, Redis reachable)."""
    return _backend() is not None


def code_of(batch_id: int, serial_id: int | None) -> str:
    return f"{batch_id}.{serial_id or 0}"


def _buffered(count, first) -> Buffered:
    return Buffered(int(count or 0), float(first) if first is not None else None)


def push(scan: Scan) -> Buffered | None:
    """Buffer ``scan`` (not saved, ``uid`` set); what the buffer then holds for its code,
    this scan included. None when it could not be buffered: the caller writes it itself."""
    backend = _backend()
    if backend is None:
        return None
    code = code_of(scan.batch_id, scan.serial_id)
    at = scan.scanned_at.timestamp()
    entry = {"u": scan.uid.hex, "c": code, "t": at, "d": scan.device}
    counts = backend.make_key(COUNTS)
    try:
        pipe = backend.client().pipeline()
        pipe.rpush(backend.make_key(PENDING), json.dumps(entry, separators=(",", ":")))
        pipe.hincrby(counts, f"n:{code}", 1)
        pipe.hsetnx(counts, f"f:{code}", at)
        pipe.hget(counts, f"f:{code}")
        length, count, _new, first = pipe.execute()
    except UNREACHABLE as exc:
        backend.breaker.failed(exc)
        return None
    if length % max(settings.TRACE_SCAN_BUFFER_SIZE, 1) == 0:
        _send_flush()
    return _buffered(count, first)


def _send_flush() -> None:
    from lib import tasks as queue

    from .tasks import flush_scans

    queue.send(flush_scans)


def pending(batch_id: int, serial_id: int | None) -> Buffered:
    """How many scans of a code wait in the buffer (none without one, or when unreachable)."""
    backend = _backend()
    if backend is None:
        return Buffered()
    code = code_of(batch_id, serial_id)
    try:
        count, first = backend.client().hmget(backend.make_key(COUNTS), f"n:{code}", f"f:{code}")
    except UNREACHABLE as exc:
        backend.breaker.failed(exc)
        return Buffered()
    return _buffered(count, first)


def waiting() -> int:
    """How many scans wait in the buffer, being written included (0 without a buffer)."""
    backend = _backend()
    if backend is None:
        return 0
    client = backend.client()
    return client.llen(backend.make_key(PENDING)) + client.llen(backend.make_key(PROCESSING))


def _rows(items: list[bytes]) -> list[Scan]:
    """The buffered entries as rows, leaving out those of batches or units deleted since."""
    entries = []
    for item in items:
        try:
            entry = json.loads(item)
            batch_id, serial_id = (int(part) for part in entry["c"].split("."))
            entries.append((uuid.UUID(entry["u"]), batch_id, serial_id or None, entry))
        except (ValueError, KeyError, TypeError, AttributeError):
            logger.error("dropping a malformed buffered scan: %r", item[:200])
    batches = set(Batch.objects.filter(pk__in={e[1] for e in entries}).values_list("pk", flat=True))
    serials = set(
        Serial.objects.filter(pk__in={e[2] for e in entries if e[2]}).values_list("pk", flat=True)
    )
    return [
        Scan(
            uid=uid,
            batch_id=batch_id,
            serial_id=serial_id,
            scanned_at=datetime.datetime.fromtimestamp(entry["t"], datetime.UTC),
            device=entry.get("d") or Scan.Device.OTHER,
        )
        for uid, batch_id, serial_id, entry in entries
        if batch_id in batches and (serial_id is None or serial_id in serials)
    ]


def write(rows: list[Scan]) -> None:
    """Insert ``rows``; one already written (same uid) is left as it is."""
    with transaction.atomic():
        Scan.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def flush(max_rounds: int = 100) -> int:
    """Write what the buffer holds, a round of TRACE_SCAN_BUFFER_SIZE at a time; how many
    entries were written (0 without a buffer, or while another flusher holds the lock)."""
    backend = _backend()
    if backend is None:
        return 0
    client = backend.client()
    keys = {name: backend.make_key(name) for name in (PENDING, PROCESSING, COUNTS, LOCK)}
    token = uuid.uuid4().hex
    lock_ms = settings.TRACE_SCAN_FLUSH_LOCK_SECONDS * 1000
    if not client.set(keys[LOCK], token, nx=True, px=lock_ms):
        return 0
    written = 0
    try:
        for _round in range(max_rounds):
            items = client.eval(
                _MOVE, 2, keys[PENDING], keys[PROCESSING], settings.TRACE_SCAN_BUFFER_SIZE
            )
            if not items:
                break
            write(_rows(items))
            done = client.eval(_ACK, 3, keys[PROCESSING], keys[COUNTS], keys[LOCK], token, lock_ms)
            if done < 0:  # our lock expired: whoever holds it now finishes these entries
                logger.warning("scan flush lost its lock after writing %s entries", len(items))
                return written + len(items)
            written += done
    finally:
        client.eval(_RELEASE, 1, keys[LOCK], token)
    return written
