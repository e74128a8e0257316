"""The Redis cache backend without a Redis: misses, dropped writes, one warning, a breaker."""

from __future__ import annotations

import json
import logging
from unittest import mock

import pytest
from django.conf import settings

from lib import ratelimit
from lib.cache import CacheUnavailable, RedisCache
from lib.logs import JsonFormatter
from tests.redis_server import closed_port


@pytest.fixture
def dead():
    """The backend pointed at a port where nothing listens."""
    return RedisCache(f"redis://127.0.0.1:{closed_port()}/0", {"OPTIONS": {"DOWN_SECONDS": 60}})


def test_an_unreachable_redis_is_an_empty_cache(dead):
    assert dead.get("k") is None and dead.get("k", "fallback") == "fallback"
    dead.set("k", "v")  # dropped, not raised
    assert dead.add("k", "v") is False
    assert dead.get_many(["a", "b"]) == {}
    assert dead.has_key("k") is False
    assert dead.delete("k") is False
    assert dead.get_or_set("k", 7) == 7  # computed, as on a miss
    dead.set_many({"a": 1})
    dead.delete_many(["a"])
    with pytest.raises(CacheUnavailable):
        dead.incr("k")  # a count cannot be made up: the caller decides


def test_the_outage_is_logged_once_and_the_breaker_spares_the_dead_server(dead, caplog):
    with caplog.at_level(logging.WARNING, logger="lib.cache"):
        dead.get("first")  # tries, fails, opens the breaker
        client = dead._cache.get_client()
        with mock.patch.object(client, "get", side_effect=AssertionError("called")) as get:
            for _ in range(50):
                assert dead.get("k") is None
        get.assert_not_called()
    assert [r.getMessage() for r in caplog.records if r.name == "lib.cache"] == [
        "cache (Redis) unreachable (ConnectionError): serving without it, retrying every 60s"
    ]
    assert dead.is_reachable is False


def test_it_tries_again_after_the_interval_and_logs_the_return(dead, caplog):
    dead.get("k")
    dead._cache.breaker._open_until = 0  # the interval has passed
    client = dead._cache.get_client()
    with caplog.at_level(logging.WARNING, logger="lib.cache"):
        with mock.patch.object(client, "get", return_value=None) as get:
            assert dead.get("k", "miss") == "miss"
    get.assert_called_once()
    assert dead.is_reachable and "reachable again" in caplog.records[-1].getMessage()


def test_rate_limits_fail_open_by_default_and_closed_when_asked(dead, caplog):
    with mock.patch("lib.ratelimit.cache", dead), caplog.at_level(logging.WARNING):
        assert all(ratelimit.allow("login:203.0.113.7", 1, 60) for _ in range(3))
        assert not ratelimit.allow("login:203.0.113.7", 1, 60, fail_closed=True)
    # The backend's one warning, not one per hit.
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1


def test_production_settings_for_outages():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.LOGGING["loggers"]["django_tasks"]["level"] == "WARNING"
    assert "requeue-waiting-label-runs" in settings.CELERY_BEAT_SCHEDULE


def test_json_logs_are_one_object_a_line():
    record = logging.LogRecord(
        "ocop", logging.WARNING, __file__, 1, "Cà phê %s", ("Đắk Lắk",), None
    )
    record.order = "OCOP-1"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Cà phê Đắk Lắk" and entry["level"] == "WARNING"
    assert entry["order"] == "OCOP-1"
