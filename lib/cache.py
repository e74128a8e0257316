"""Cache helpers: `hashed_key`, and Django's Redis backend with one client per connection pool
that degrades instead of failing when Redis is unreachable.

One client per pool: Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for
every cache call, and each one copies redis-py's table of response callbacks: about 0.4 ms of
CPU a call. A page with thirty cache lookups (product cards, facets, the category tree) spent
over 10 ms on that alone. A `redis.Redis` is thread-safe and only borrows connections from its
pool, so one per pool serves every call.

A cache is a cache: when Redis cannot be reached (refused, reset, timed out), a read is a miss,
a write is dropped, and the page is rendered from the database. A circuit breaker keeps each
request from waiting on a dead server: after a failure the backend does not call Redis for
`DOWN_SECONDS` (an OPTIONS key, 5 by default), then tries again, so the site recovers by
itself. One warning is logged when Redis goes away and one when it is back, not one per call.
`incr`/`decr` raise `CacheUnavailable` instead, so a caller that counts (a rate limit) decides
whether to fail open or closed. Sockets time out after 2 seconds (`socket_connect_timeout`,
`socket_timeout` in OPTIONS change that): long enough that a busy machine does not look like
an outage, short enough that a dead host costs one request per interval at most that long.

`RedisCache.client()` hands out the redis-py client for what a cache cannot express (a list
used as a queue); its caller reports unreachable errors to `RedisCache.breaker`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

import redis as redis_py
from django.core.cache.backends import redis

logger = logging.getLogger(__name__)

#: What a Redis that cannot be reached raises (redis-py wraps socket errors in these).
UNREACHABLE = (redis_py.exceptions.ConnectionError, redis_py.exceptions.TimeoutError, OSError)


class CacheUnavailable(ConnectionError):
    """The cache cannot be reached now; raised where a value cannot be made up (`incr`)."""


def hashed_key(prefix: str, *parts: object) -> str:
    """A short cache key for any number of parts: `prefix` and a SHA-1 of the parts."""
    return f"{prefix}:" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()


class Breaker:
    """Whether a dependency is to be called now: closed (yes) or open for `seconds` after a failure."""

    def __init__(self, name: str, seconds: float):
        self.name = name
        self.seconds = seconds
        self._open_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.seconds
            first, self._down = not self._down, True
        if first:
            logger.warning(
                "%s unreachable (%s): serving without it, retrying every %ss",
                self.name,
                type(exc).__name__,
                self.seconds,
            )

    def succeeded(self) -> None:
        if self._down:
            with self._lock:
                back, self._down, self._open_until = self._down, False, 0.0
            if back:
                logger.warning("%s reachable again", self.name)


def _degrading(fallback, *, raises: bool = False):
    """Wrap a client method: when Redis is unreachable, return `fallback` (or raise `CacheUnavailable`)."""

    def decorate(method):
        def wrapper(self, *args, **kwargs):
            if self.breaker.is_open:
                if raises:
                    raise CacheUnavailable("cache unreachable")
                return fallback(*args) if callable(fallback) else fallback
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                self.breaker.failed(exc)
                if raises:
                    raise CacheUnavailable("cache unreachable") from exc
                return fallback(*args) if callable(fallback) else fallback
            self.breaker.succeeded()
            return result

        wrapper.__name__ = method.__name__
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorate


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, DOWN_SECONDS: float = 5, **options):  # noqa: N803 - an OPTIONS key
        options.setdefault("socket_connect_timeout", 2)
        options.setdefault("socket_timeout", 2)
        super().__init__(*args, **options)
        self._clients = {}
        self.breaker = Breaker("cache (Redis)", DOWN_SECONDS)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _degrading(False)(redis.RedisCacheClient.add)
    get = _degrading(lambda key, default: default)(redis.RedisCacheClient.get)
    set = _degrading(None)(redis.RedisCacheClient.set)
    touch = _degrading(False)(redis.RedisCacheClient.touch)
    delete = _degrading(False)(redis.RedisCacheClient.delete)
    get_many = _degrading(lambda keys: {})(redis.RedisCacheClient.get_many)
    has_key = _degrading(False)(redis.RedisCacheClient.has_key)
    incr = _degrading(None, raises=True)(redis.RedisCacheClient.incr)
    set_many = _degrading(None)(redis.RedisCacheClient.set_many)
    delete_many = _degrading(None)(redis.RedisCacheClient.delete_many)
    clear = _degrading(False)(redis.RedisCacheClient.clear)


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    @property
    def is_reachable(self) -> bool:
        """False while the circuit breaker holds Redis for unreachable (no call is made)."""
        return not self._cache.breaker.is_open

    @property
    def breaker(self) -> Breaker:
        """The circuit breaker: a caller of `client()` reports `UNREACHABLE` errors to it."""
        return self._cache.breaker

    def client(self) -> redis_py.Redis:
        """The shared redis-py client of the write pool, for data structures beyond get/set
        (a list as a queue); its keys go through `make_key`, so they share the cache's prefix."""
        return self._cache.get_client(write=True)
