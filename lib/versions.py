"""Named version numbers in the cache: cached results carry one in their keys and go stale at once when it changes.

An app defines `CATALOGUE = Version("catalogue")`, puts `CATALOGUE.current()` in the keys of
what it caches, and connects `CATALOGUE.bump` to the signals that change it; `lib` never
needs to know which models those are.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction


class Version:
    def __init__(self, name: str):
        self.name = name
        self.key = f"ocop:{name}-version"

    def __repr__(self) -> str:
        return f"Version({self.name!r})"

    def current(self) -> int:
        """The version now; the first call after a cache flush starts a new one."""
        return cache.get_or_set(self.key, time.time_ns, None)

    def _bump(self) -> None:
        cache.set(self.key, time.time_ns(), None)

    def bump(self, **kwargs) -> None:
        """Change the version now, and again once the current transaction commits.

        A result computed between the two from rows the change had not yet committed would
        otherwise be kept under the new version. Takes a signal's keyword arguments, so it
        can be connected as a receiver directly.
        """
        self._bump()
        transaction.on_commit(self._bump)
