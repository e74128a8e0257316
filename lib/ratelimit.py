"""One rate limiter: at most `limit` hits per key in each fixed window, counted in the cache.

Windows are fixed slices of the clock (the minute, the hour), so a counter's key changes with
its window and never depends on how a cache backend treats a key's expiry on `incr`. A hit
costs one cache round trip, two for the first hit of a window.

When the cache is unreachable, every hit is allowed (fails open) and a warning is logged. The
limits guard against floods, which are rare; a cache outage is not, and refusing every
visitor while it lasts would turn it into an outage of the pages that count (the origin page's
scans, reports, enquiries). A flood during an outage gets through until the cache is back.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

# A counter outlives its window a little, so a late hit never finds it gone and starts over.
GRACE_SECONDS = 30


def current_window(seconds: int) -> int:
    """The number of the fixed window of `seconds` that now falls in."""
    return int(time.time() // seconds)


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`: whether it is among the first `limit` of the current window.

    True as well when the cache is unreachable (see the module's docstring).
    """
    counter = f"{key}:{current_window(window_seconds)}"
    try:
        try:
            count = cache.incr(counter)
        except ValueError:  # the window's first hit: no counter yet
            added = cache.add(counter, 1, timeout=window_seconds + GRACE_SECONDS)
            count = 1 if added else cache.incr(counter)
    except Exception:  # noqa: BLE001 - the cache being down must not take the page with it
        logger.warning("rate-limit cache unavailable", exc_info=True)
        return True
    return count <= limit
