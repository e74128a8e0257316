"""Whether a person agreed to a purpose of processing: one question apps ask before they process.

The app that keeps consent records registers the answer (`register`); `lib` knows no app. Until
one registers, everything that is asked at the moment of use (a browser's location prompt) is
allowed and nothing else is.
"""

from __future__ import annotations

from collections.abc import Callable

_checker: Callable[[object, str], bool] | None = None


def register(checker: Callable[[object, str], bool]) -> None:
    global _checker
    _checker = checker


def allows(user, purpose: str) -> bool:
    """May `user`'s data be processed for `purpose` now? Anonymous visitors: only what their
    browser asks them at the moment (the caller's own prompt)."""
    if _checker is None:
        return False
    return _checker(user, purpose)
