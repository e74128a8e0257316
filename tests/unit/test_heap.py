"""The worker's heap is frozen once warm, without keeping garbage (lib/heap.py)."""

import gc
import weakref

from lib.heap import freeze_when_warm


class Node:
    pass


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def call(application):
    statuses = []
    body = application({}, lambda status, headers: statuses.append(status))
    return statuses[0], b"".join(body)


def test_heap_is_frozen_before_the_request_after_warm_up_and_garbage_is_not_kept():
    gc.unfreeze()
    application = freeze_when_warm(app, after=(2,))
    try:
        assert call(application) == ("200 OK", b"ok")
        assert call(application) == ("200 OK", b"ok")
        assert gc.get_freeze_count() == 0  # not warm yet: nothing frozen

        # Garbage in a reference cycle, made before the third request.
        cycle = Node()
        cycle.me = cycle
        garbage = weakref.ref(cycle)
        del cycle

        assert call(application) == ("200 OK", b"ok")
        assert gc.get_freeze_count() > 0
        assert garbage() is None  # collected first, not frozen
        frozen = gc.get_freeze_count()
        call(application)
        assert gc.get_freeze_count() == frozen  # frozen once per point, not on every request
    finally:
        gc.unfreeze()
