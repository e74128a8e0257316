from celery import shared_task

from . import services


@shared_task(name="trade.close_expired_requests")
def close_expired_requests() -> int:
    """Hourly: close the requests whose time on the board is up."""
    return services.close_expired()


@shared_task(name="trade.remind_overdue_payments")
def remind_overdue_payments() -> int:
    """Daily: remind buyers of wholesale orders on terms not paid by their due date."""
    from payment.terms import reminders_due

    from . import emails

    sent = 0
    for order, days in reminders_due():
        emails.payment_overdue(order, days)
        sent += 1
    return sent
