"""A worker's long-lived objects kept out of Python's garbage collections.

A warm worker holds some 300,000 objects that live as long as it does: Django's, Oscar's and
Wagtail's modules, the URL resolvers, compiled templates, the taxonomy and the 2025 map. A
full (generation 2) collection walks every one of them, and requests trigger one every few
dozen: 200–300 ms each on the benchmark machine, paid by whichever request happens to be
running (bench/README.md, the open API). ``gc.freeze()`` moves every object alive at that
moment to a permanent generation that collections skip.

:func:`freeze_when_warm` wraps the WSGI application and freezes the heap when the worker has
warmed up: before the 2nd, 10th, 100th and 1,000th request, when lazily built state (URL
resolvers, template and translation caches, per-process lookups) has been created by the
requests before. Each time it first collects, so that only what is alive is frozen: garbage
is never kept. Objects frozen and later dropped are still freed by reference counting; only
one that then sits in a reference cycle stays until the process ends, and gunicorn's workers
are recycled (``--max-requests``, README.md) for that and any other slow growth.
"""

from __future__ import annotations

import gc
import itertools
import threading

WARM_AFTER = (1, 9, 99, 999)


def freeze_when_warm(application, after: tuple[int, ...] = WARM_AFTER):
    """``application`` with the heap frozen once ``after`` requests (each count) have run."""
    points = frozenset(after)
    counter = itertools.count(1)
    lock = threading.Lock()

    def wrapped(environ, start_response):
        with lock:
            done = next(counter) - 1
        if done in points:
            gc.collect()
            gc.freeze()
        return application(environ, start_response)

    return wrapped
