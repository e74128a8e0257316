"""Readiness probes: is each dependency of a web worker reachable, and how fast it answered.

`/healthz` is liveness (the process answers; it touches nothing). `/readyz` runs the probes
below, each bounded by a short timeout, and answers JSON:

    {"status": "ok" | "degraded" | "unavailable",
     "checks": {"database": {"status": "ok", "latency_ms": 0.4}, "cache": {...}, ...}}

Only the database is required: without it nothing can be served, so the answer is 503 and a
load balancer takes the worker out. Without the cache, the broker or a storage the site still
serves (uncached pages, tasks recorded for later, pages without pictures), so the answer is
200 with "degraded": taking every worker out because Redis is down would turn a slower site
into no site. A failing check names the kind of error, never an address or a password.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection

TIMEOUT_SECONDS = 2
REQUIRED = frozenset({"database"})


def database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def cache_() -> str | None:
    if getattr(cache, "is_reachable", True) is False:
        return "unreachable (retrying shortly)"
    token = secrets.token_hex(8)
    cache.set("ocop:readyz", token, 30)
    if cache.get("ocop:readyz") != token:
        return "unreachable"
    return None


def broker() -> str | None:
    url = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False) or url.startswith("memory://"):
        return None  # tasks run in the web process: there is no broker to lose
    from kombu import Connection

    with Connection(
        url,
        connect_timeout=TIMEOUT_SECONDS,
        transport_options={"socket_timeout": TIMEOUT_SECONDS, "max_retries": 0},
    ) as conn:
        conn.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=TIMEOUT_SECONDS
        )
    return None


def storage(alias: str) -> Callable[[], str | None]:
    def probe() -> str | None:
        store = storages[alias]
        location = getattr(store, "location", None)
        if location is not None and hasattr(store, "path"):  # files on this machine
            if not os.path.isdir(location):
                return "missing"
            if not os.access(location, os.W_OK):
                return "read-only"
            return None
        store.exists("readyz-probe")  # one cheap request to the object store
        return None

    return probe


def probes() -> dict[str, Callable[[], str | None]]:
    found = {"database": database, "cache": cache_, "broker": broker}
    for alias in settings.STORAGES:
        if alias != "staticfiles":  # served from the image itself (whitenoise)
            found["storage" if alias == "default" else f"storage_{alias}"] = storage(alias)
    return found


def run(name: str, probe: Callable[[], str | None]) -> dict:
    started = time.perf_counter()
    try:
        problem = probe()
    except Exception as exc:  # noqa: BLE001 - a probe reports any failure, it never raises
        problem = type(exc).__name__  # the class only: messages may hold addresses
    result = {"status": "ok" if problem is None else "down"}
    if problem is not None:
        result["error"] = problem
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def readiness() -> tuple[int, dict]:
    """(HTTP status, body) of `/readyz`."""
    checks = {name: run(name, probe) for name, probe in probes().items()}
    down = {name for name, check in checks.items() if check["status"] != "ok"}
    if down & REQUIRED:
        return 503, {"status": "unavailable", "checks": checks}
    return 200, {"status": "degraded" if down else "ok", "checks": checks}
