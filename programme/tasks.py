from celery import shared_task

from . import summaries


@shared_task(name="programme.rebuild_summaries")
def rebuild_summaries() -> dict[str, int]:
    """Nightly: recount the dashboard's summaries (sales, certified products) from their sources."""
    return summaries.rebuild_all()
