"""Work started at the same moment in several threads, each with its own database connection.

The race tests (tests/integration/*_races.py and a few others) release their jobs together
with a barrier, so that on PostgreSQL they really meet in the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

from django.db import connection


def at_once(*jobs: Callable, delays=(), keep_errors: bool = False, timeout: float = 120) -> list:
    """Each job's result, the jobs started together (job ``i`` ``delays[i]`` seconds later).

    An exception in a job fails the test, unless ``keep_errors``: then it is that job's result,
    for tests where a refusal is the outcome under test.
    """
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)
    errors: list = []

    def run(i: int, job: Callable) -> None:
        try:
            start.wait()
            if i < len(delays) and delays[i]:
                time.sleep(delays[i])
            results[i] = job()
        except Exception as error:  # noqa: BLE001 - a result, or reported below
            if keep_errors:
                results[i] = error
            else:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a job did not finish in time"
    assert not errors, errors
    return results


def each_at_once(work: Callable[[int], object], count: int, **options) -> list:
    """``work(0)`` … ``work(count - 1)`` started together: their results in that order."""
    return at_once(*(partial(work, i) for i in range(count)), **options)
