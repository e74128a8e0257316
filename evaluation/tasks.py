"""Background tasks of the evaluation cycle; with no REDIS_URL, Celery runs them eagerly."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="evaluation.send_renewal_reminders")
def send_renewal_reminders() -> int:
    """Daily: invite holders of certificates 120/60/30 days from expiry to renew."""
    from .reminders import send_renewal_reminders as send

    return send()
