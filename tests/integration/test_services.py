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
        assert backend == "lib.cache.RedisCache"
        # The value really is in Redis, not in this process.
        import redis

        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        assert any(client.scan_iter(match="*ocop-probe*"))
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_the_redis_cache_reuses_one_client_across_calls_and_threads():
    import threading

    from lib.cache import RedisCache

    # Building clients needs no server; talking to one needs REDIS_URL.
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    backend = RedisCache(url, {})
    client = backend._cache.get_client(write=True)
    assert backend._cache.get_client() is client
    seen = []

    def work(n):
        if os.environ.get("REDIS_URL"):
            backend.set(f"ocop-thread-{n}", n, 30)
            seen.append(backend.get(f"ocop-thread-{n}") == n)
            backend.delete(f"ocop-thread-{n}")
        seen.append(backend._cache.get_client() is client)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen and all(seen)


def test_celery_uses_redis_or_runs_tasks_in_process():
    if os.environ.get("REDIS_URL"):
        assert app.conf.broker_url == os.environ["REDIS_URL"]
        assert not app.conf.task_always_eager
    else:
        assert app.conf.task_always_eager
