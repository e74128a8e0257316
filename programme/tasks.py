from celery import shared_task

from . import sales_summary


@shared_task(name="programme.rebuild_sales_summary")
def rebuild_sales_summary() -> int:
    """Nightly: recount the monthly sales summary from the order lines."""
    return sales_summary.rebuild()
