"""Scans buffered in Redis (traceability/scan_buffer.py): counted, flagged, and never lost or
written twice by a flusher that dies; without Redis, written on the request as before.

The Redis is the machine's when REDIS_URL is set (CI's PostgreSQL run) and one of the test's
own otherwise (tests/redis_server.py), each test under a key prefix of its own. "embedded" is
the default without Redis: a local-memory cache, every scan one INSERT.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, override_settings
from oscar.core.loading import get_model

from tests.factories import BatchFactory
from tests.flows import path_of
from tests.personas import COOPERATIVE_A
from tests.processes import BASE_DIR, database_url
from tests.redis_server import RedisServer
from traceability import scan_buffer, serials, tasks
from traceability.models import Batch, Scan, Serial

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
REDIS_URL = os.environ.get("REDIS_URL", "")
EMBEDDED = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def redis_buffer():
    """Scans buffered in a Redis under a key prefix of this test's own."""
    own = None if REDIS_URL else RedisServer().start()
    url = REDIS_URL or own.url
    prefix = f"scan-buffer-test-{uuid.uuid4().hex[:8]}"
    settings = {"BACKEND": "lib.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    try:
        with override_settings(CACHES={"default": settings}, TRACE_SCAN_BUFFER=True):
            yield SimpleNamespace(url=url, prefix=prefix)
            client = caches["default"].client()
            keys = list(client.scan_iter(f"{prefix}:*"))
            if keys:
                client.delete(*keys)
    finally:
        if own is not None:
            own.stop()


@pytest.fixture(params=["embedded", "redis"])
def store(request):
    """The two ways a scan is kept: written at once (no Redis), or buffered in Redis."""
    if request.param == "embedded":
        with override_settings(CACHES=EMBEDDED, TRACE_SCAN_BUFFER=True):
            assert not scan_buffer.enabled()
            yield request.param
    else:
        request.getfixturevalue("redis_buffer")
        assert scan_buffer.enabled()
        yield request.param


def visit(client: Client, uri: str) -> str:
    return client.get(path_of(uri), HTTP_USER_AGENT=PHONE).content.decode()


def redis_state(prefix: str) -> dict:
    backend = caches["default"]
    client = backend.client()
    return {
        "pending": client.llen(backend.make_key(scan_buffer.PENDING)),
        "processing": client.llen(backend.make_key(scan_buffer.PROCESSING)),
        "counts": client.hgetall(backend.make_key(scan_buffer.COUNTS)),
    }


@pytest.mark.django_db
def test_scans_are_counted_before_and_after_the_flush_task_writes_them(client, store):
    batch = BatchFactory(lot="BUF-COUNT")
    for n in range(2, 7):
        html = visit(client, batch.uri)
        assert n == 2 or f"Đã được quét {n - 1} lần" in html
    assert "Đã được quét 6 lần" in visit(client, batch.uri)
    written = batch.scans.count()
    assert written == (6 if store == "embedded" else 0)
    flushed = tasks.flush_scans()
    assert flushed == (0 if store == "embedded" else 6)
    rows = list(batch.scans.all())
    assert len(rows) == 6 and len({row.uid for row in rows}) == 6
    assert {row.device for row in rows} == {"phone"} and all(row.scanned_at for row in rows)
    # Written and no longer buffered: the count neither drops nor doubles.
    assert "Đã được quét 7 lần" in visit(client, batch.uri)
    assert scan_buffer.pending(batch.pk, None).count == (1 if store == "redis" else 0)


@pytest.mark.django_db
@override_settings(TRACE_SERIAL_SCAN_LIMIT=3)
def test_the_counterfeit_check_sees_scans_still_in_the_buffer(client, store):
    batch = BatchFactory(lot="BUF-FLAG")
    Serial.issue(batch, 1)
    serial = batch.serials.get()
    for _ in range(3):
        assert "quét bất thường" not in visit(client, serial.uri)
    html = visit(client, serial.uri)
    assert "Mã đơn vị đã đăng ký nhưng được quét bất thường" in html
    assert "Đã được quét 4 lần" in html
    serial.refresh_from_db()
    assert serial.flag == Serial.Flag.TOO_MANY_SCANS
    assert serial.reviews.get().scans == 4
    assert serial.scans.count() == (4 if store == "embedded" else 0)  # flagged before any write
    # A reviewer's clearance counts the buffered scans as seen: only new ones are evidence.
    staff = get_user_model().objects.create(username="buf-staff", email="s@x.vn", is_staff=True)
    assert serials.clear_flag(serial, staff, "Checked the package").scans == 4
    assert serial.cleared_scans == 4
    assert "quét bất thường" not in visit(client, serial.uri)


@pytest.mark.django_db
def test_a_buffered_scan_can_be_located_before_the_flush_and_is_written_once(client, redis_buffer):
    batch = BatchFactory(lot="BUF-LOCATE")
    token = re.search(r'data-token="([^"]+)"', visit(client, batch.uri)).group(1)
    assert batch.scans.count() == 0
    response = client.post("/t/locate/", {"token": token, "lat": "21.02851", "lon": "105.8048"})
    assert response.status_code == 204
    assert tasks.flush_scans() == 1
    scan = batch.scans.get()
    assert (str(scan.latitude), str(scan.longitude)) == ("21.0", "105.8")
    assert redis_state(redis_buffer.prefix)["counts"] == {}


@pytest.mark.django_db
def test_without_a_reachable_redis_the_scan_is_written_on_the_request(client):
    server = RedisServer().start()
    url = server.url
    server.stop()  # nothing listens there now
    dead = {"default": {"BACKEND": "lib.cache.RedisCache", "LOCATION": url,
                        "KEY_PREFIX": "dead", "OPTIONS": {"DOWN_SECONDS": 60}}}  # fmt: skip
    batch = BatchFactory(lot="BUF-DOWN")
    with override_settings(CACHES=dead, TRACE_SCAN_BUFFER=True):
        assert visit(client, batch.uri)
        assert "Đã được quét 2 lần" in visit(client, batch.uri)
        assert tasks.flush_scans() == 0
    assert batch.scans.count() == 2


DYING_FLUSH = """
import os, django
django.setup()
from traceability import scan_buffer
real_write = scan_buffer.write
def write(rows):
    if os.environ["DIE"] == "after_insert":
        real_write(rows)
    os._exit(9)  # killed: no ack, no lock released, nothing cleaned up
scan_buffer.write = write
scan_buffer.flush()
"""


@pytest.mark.parametrize("dies", ["before_insert", "after_insert"])
def test_a_flusher_killed_mid_flush_loses_nothing_and_the_next_writes_each_scan_once(
    committed_db, redis_buffer, dies
):
    # A demo product: this test commits, and leaves the demo catalogue as it found it.
    product = (
        get_model("catalogue", "Product")
        .objects.filter(
            stockrecords__partner__users__email=COOPERATIVE_A["email"], upc__startswith="893"
        )
        .order_by("pk")
        .first()
    )
    batch = BatchFactory(product=product, lot=f"BUF-KILL-{dies[0].upper()}")
    Serial.issue(batch, 1)
    serial = batch.serials.get()
    try:
        client = Client()
        for _ in range(5):
            visit(client, batch.uri)
            visit(client, serial.uri)
        assert Scan.objects.filter(batch=batch).count() == 0
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_buffer.url,
            "OCOP_TEST_CACHE_PREFIX": redis_buffer.prefix,
            "TRACE_SCAN_BUFFER": "true",
            "TRACE_SCAN_FLUSH_LOCK_SECONDS": "1",
            "DIE": dies,
        }
        worker = subprocess.run(
            [sys.executable, "-c", DYING_FLUSH], cwd=BASE_DIR, env=env, capture_output=True,
            timeout=120,
        )  # fmt: skip
        assert worker.returncode == 9, worker.stderr.decode()[-2000:]
        state = redis_state(redis_buffer.prefix)
        assert (state["pending"], state["processing"]) == (0, 10)  # moved, not acknowledged
        written = Scan.objects.filter(batch=batch).count()
        assert written == (10 if dies == "after_insert" else 0)
        # Still counted: by the buffer alone, or by both until the next flush (never fewer).
        assert f"Đã được quét {6 + written // 2} lần" in visit(client, serial.uri)
        assert tasks.flush_scans() == 0  # the dead worker's lock holds for its second
        time.sleep(1.2)
        assert tasks.flush_scans() == 11
        assert tasks.flush_scans() == 0
        rows = Scan.objects.filter(batch=batch)
        assert rows.count() == 11 and rows.values("uid").distinct().count() == 11
        assert rows.filter(serial=serial).count() == 6
        assert redis_state(redis_buffer.prefix) == {"pending": 0, "processing": 0, "counts": {}}
        assert "Đã được quét 7 lần" in visit(client, serial.uri)
    finally:
        Scan.objects.filter(batch=batch).delete()
        batch.serials.all().delete()
        batch.events.all().delete()
        Batch.objects.filter(pk=batch.pk).delete()
