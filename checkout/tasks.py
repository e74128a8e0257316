"""Background tasks of the checkout; with no REDIS_URL, Celery runs them eagerly."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="checkout.expire_card_intents")
def expire_card_intents() -> int:
    """Every five minutes (celery beat): unfreeze baskets whose card payment was abandoned."""
    from .cards import expire_abandoned

    return expire_abandoned()
