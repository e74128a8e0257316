"""Handing work to Celery without losing it when the broker is down.

Work that must happen (a label sheet) is first recorded in the database by the app (a row
with a pending status); the Celery message only says "do it now". `send_on_commit` sends that
message once the row is committed. When the broker cannot be reached the request still
succeeds: the message is dropped, a warning is logged (once per outage, not per request) and
the row stays pending. The app's sweeper task, run by Celery beat every minute (and so as
soon as the broker is back), sends the message again for rows pending too long; the task
itself claims its row with a conditional update, so a message sent twice does the work once.
"""

from __future__ import annotations

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from .cache import Breaker

logger = logging.getLogger(__name__)

#: How long after a failed send the broker is not tried again by this process.
BROKER_DOWN_SECONDS = 10
broker = Breaker("task broker", BROKER_DOWN_SECONDS)


def send(task, args=(), **options) -> bool:
    """`task.apply_async(args, **options)` now; False (and the work left for the sweeper) if the broker is down."""
    if broker.is_open:
        return False
    try:
        task.apply_async(args=list(args), **options)
    except (BrokerError, OSError) as exc:
        broker.failed(exc)
        return False
    broker.succeeded()
    return True


def send_on_commit(task, args=(), **options) -> None:
    """`send` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send(task, args, **options))
