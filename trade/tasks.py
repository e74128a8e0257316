from celery import shared_task

from . import services


@shared_task(name="trade.close_expired_requests")
def close_expired_requests() -> int:
    """Hourly: close the requests whose time on the board is up."""
    return services.close_expired()
