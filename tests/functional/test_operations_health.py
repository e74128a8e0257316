"""/healthz says the process answers; /readyz says which dependency is down, as JSON."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from lib.cache import Breaker
from tests.redis_server import RedisServer, closed_port

pytestmark = pytest.mark.django_db


def ready(**headers):
    response = Client().get("/readyz", **headers)
    return response.status_code, response.json(), response


def test_liveness_touches_no_dependency():
    with mock.patch("django.db.backends.utils.CursorWrapper.execute") as execute:
        response = Client().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    execute.assert_not_called()


def test_readiness_reports_every_dependency_with_its_latency():
    status, body, response = ready()
    assert status == 200 and body["status"] == "ok", body
    assert set(body["checks"]) >= {"database", "cache", "broker", "storage", "storage_private"}
    for check in body["checks"].values():
        assert check["status"] == "ok" and isinstance(check["latency_ms"], float)
    assert "no-cache" in response["Cache-Control"]  # never served from a cache


def test_a_worker_without_its_database_is_not_ready(caplog):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: password')

    with mock.patch("marketplace.health.connection.cursor", refuse):
        with caplog.at_level(logging.INFO, logger="django.request"):
            status, body, _ = ready()
    assert status == 503 and body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "status": "down",
        "error": "OperationalError",  # the kind only: no address, no password
        "latency_ms": body["checks"]["database"]["latency_ms"],
    }
    assert body["checks"]["cache"]["status"] == "ok"
    assert "10.0.0.5" not in str(body)
    assert not caplog.records  # polled every few seconds: not a log line per poll


def test_redis_down_is_reported_and_the_worker_stays_in_service():
    server = RedisServer().start()
    with override_settings(CACHES=server.cache_settings(down_seconds=30)):
        assert ready()[1]["checks"]["cache"]["status"] == "ok"
        server.stop()
        status, body, _ = ready()
        assert status == 200 and body["status"] == "degraded"
        assert body["checks"]["cache"]["status"] == "down"
        # Polled again: the breaker answers at once, without waiting on the dead server.
        assert ready()[1]["checks"]["cache"]["error"].startswith("unreachable")


def test_the_broker_down_is_reported(monkeypatch):
    monkeypatch.setattr("lib.tasks.broker", Breaker("task broker", 10))
    url = f"redis://127.0.0.1:{closed_port()}/0"
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=url):
        status, body, _ = ready()
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["broker"]["status"] == "down"
    assert str(closed_port) not in str(body) and "127.0.0.1" not in str(body)
    server = RedisServer().start()
    try:
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=server.url):
            assert ready()[1]["checks"]["broker"]["status"] == "ok"
    finally:
        server.stop()


def test_a_storage_that_is_gone_is_reported(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "unmounted")},
        },
    }
    status, body, _ = ready()
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["storage_private"] == {
        "status": "down",
        "error": "missing",
        "latency_ms": body["checks"]["storage_private"]["latency_ms"],
    }
    assert body["checks"]["storage"]["status"] == "ok"


def test_gunicorns_access_log_leaves_out_the_probes_that_answer():
    from types import SimpleNamespace

    from gunicorn import glogging
    from gunicorn.config import Config

    from marketplace.gunicorn import Logger

    logger = Logger(Config())
    with mock.patch.object(glogging.Logger, "access") as written:
        for path, status in [("/readyz", 200), ("/healthz", 200), ("/readyz", 503), ("/", 200)]:
            logger.access(SimpleNamespace(status_code=status), None, {"PATH_INFO": path}, 0.01)
    assert [call.args[2]["PATH_INFO"] for call in written.call_args_list] == ["/readyz", "/"]
