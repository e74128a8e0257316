"""One rate limiter: at most `limit` hits per key in each fixed window, counted in the cache.

Windows are fixed slices of the clock (the minute, the hour), so a counter's key changes with
its window and never depends on how a cache backend treats a key's expiry on `incr`. A hit
costs one cache round trip, two for the first hit of a window.

When the cache is unreachable, every hit is allowed (fails open). The limits guard against
floods, which are rare; a cache outage is not, and refusing every visitor while it lasts would
turn it into an outage of the pages that count (the origin page's scans, reports, enquiries).
A flood during an outage gets through until the cache is back. A limit that must hold even
then passes `fail_closed=True` and refuses every hit while the cache is down. Sign-ins are
throttled by django-axes in the database and webhooks are refused without a valid signature,
so neither depends on the cache. The Redis backend (`lib.cache`) logs the outage once; other
backends' errors are logged here.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

from .cache import CacheUnavailable

logger = logging.getLogger(__name__)

# A counter outlives its window a little, so a late hit never finds it gone and starts over.
GRACE_SECONDS = 30


def current_window(seconds: int) -> int:
    """The number of the fixed window of `seconds` that now falls in."""
    return int(time.time() // seconds)


def allow(key: str, limit: int, window_seconds: int, *, fail_closed: bool = False) -> bool:
    """Count one hit on `key`: whether it is among the first `limit` of the current window.

    When the cache is unreachable: True, or False with `fail_closed` (see the module's docstring).
    """
    counter = f"{key}:{current_window(window_seconds)}"
    try:
        try:
            count = cache.incr(counter)
        except ValueError:  # the window's first hit: no counter yet
            added = cache.add(counter, 1, timeout=window_seconds + GRACE_SECONDS)
            count = 1 if added else cache.incr(counter)
    except CacheUnavailable:  # already logged by the backend, once per outage
        return not fail_closed
    except Exception:  # noqa: BLE001 - the cache being down must not take the page with it
        logger.warning("rate-limit cache unavailable", exc_info=True)
        return not fail_closed
    return count <= limit
