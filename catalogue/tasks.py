"""Background tasks of the catalogue; with no REDIS_URL, Celery runs them eagerly."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="catalogue.send_ocop_expiry_reminders")
def send_ocop_expiry_reminders() -> int:
    """Daily: e-mail cooperatives whose OCOP certificates expire within the reminder window."""
    from .services import send_expiry_reminders

    return send_expiry_reminders()


@shared_task(name="catalogue.refresh_rank_boosts")
def refresh_rank_boosts() -> int:
    """Daily: every product's search boost again (certificates that expired since yesterday)."""
    from .rank_boost import refresh

    return refresh()
