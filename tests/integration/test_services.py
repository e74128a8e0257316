"""The cache and Celery use Redis when REDIS_URL is set, and work without it otherwise."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.cache import cache

from marketplace.celery import app


def test_the_cache_round_trips_through_the_configured_backend():
    cache.set("ocop-probe", {"price": 1250000}, timeout=30)
    assert cache.get("ocop-probe") == {"price": 1250000}
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django.core.cache.backends.redis.RedisCache"
        # The value really is in Redis, not in this process.
        import redis

        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        assert any(client.scan_iter(match="*ocop-probe*"))
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_celery_uses_redis_or_runs_tasks_in_process():
    if os.environ.get("REDIS_URL"):
        assert app.conf.broker_url == os.environ["REDIS_URL"]
        assert not app.conf.task_always_eager
    else:
        assert app.conf.task_always_eager
