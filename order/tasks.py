"""Background tasks of orders; with no REDIS_URL, Celery runs them eagerly."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="order.expire_unpaid_orders")
def expire_unpaid_orders() -> int:
    """Hourly (celery beat): cancel unpaid bank transfers and guests' unconfirmed
    cash-on-delivery orders left waiting too long (order/expiry.py)."""
    from .expiry import expire_unpaid_orders as expire

    return expire()
