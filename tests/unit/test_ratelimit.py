"""The one rate limiter: fixed windows counted in the cache, open when the cache is down."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.core.cache.backends.locmem import LocMemCache

from lib import ratelimit


@pytest.fixture
def cache():
    """A cache of the limiter's own, empty for each test."""
    own = LocMemCache("test-ratelimit", {})
    own.clear()
    with mock.patch("lib.ratelimit.cache", own):
        yield own


@pytest.fixture
def window():
    """Time stands still: every hit falls in window 29,000,000 until the test moves it."""
    with mock.patch("lib.ratelimit.current_window", return_value=29_000_000) as current:
        yield current


class DownCache:
    """A cache whose server cannot be reached."""

    def incr(self, key, delta=1):
        raise ConnectionError("redis down")

    def add(self, key, value, timeout=None):
        raise ConnectionError("redis down")


def test_it_allows_the_first_hits_of_a_window_up_to_the_limit(cache, window):
    assert [ratelimit.allow("ip:203.0.113.7", 3, 60) for _ in range(5)] == [True] * 3 + [False] * 2


def test_each_key_has_its_own_count(cache, window):
    for _ in range(3):
        ratelimit.allow("ip:203.0.113.7", 3, 60)
    assert ratelimit.allow("ip:203.0.113.8", 3, 60)


def test_a_new_window_starts_from_zero(cache, window):
    for _ in range(4):
        ratelimit.allow("ip:203.0.113.7", 3, 60)
    window.return_value += 1
    assert ratelimit.allow("ip:203.0.113.7", 3, 60)


def test_windows_are_slices_of_the_clock():
    with mock.patch("lib.ratelimit.time.time", return_value=3600 * 100 + 59.9):
        assert ratelimit.current_window(60) == 6000
        assert ratelimit.current_window(3600) == 100


def test_a_counter_outlives_its_window(cache, window):
    with mock.patch.object(cache, "add", wraps=cache.add) as add:
        ratelimit.allow("ip:203.0.113.7", 3, 60)
    assert add.call_args.kwargs["timeout"] > 60


def test_a_counter_another_process_made_meanwhile_is_counted_on(cache, window):
    def add_meanwhile(key, value, timeout):
        cache.set(key, 3)  # another process's hits came between our miss and our add
        return False

    with mock.patch.object(cache, "add", side_effect=add_meanwhile):
        assert not ratelimit.allow("ip:203.0.113.7", 3, 60)


def test_it_lets_everything_through_when_the_cache_is_unreachable(window, caplog):
    with mock.patch("lib.ratelimit.cache", DownCache()), caplog.at_level(logging.WARNING):
        assert all(ratelimit.allow("ip:203.0.113.7", 1, 60) for _ in range(5))
    assert "rate-limit cache unavailable" in caplog.text


def test_it_lets_a_hit_through_when_the_cache_fails_after_a_miss(cache, window):
    with mock.patch.object(cache, "add", side_effect=ConnectionError("redis down")):
        assert ratelimit.allow("ip:203.0.113.7", 1, 60)
