"""Celery beat: complaint deadlines hourly, retention daily (marketplace/settings/compliance.py)."""

from celery import shared_task

from . import complaints, retention


@shared_task(name="compliance.complaint_deadlines")
def complaint_deadlines():
    return complaints.run_deadlines()


@shared_task(name="compliance.apply_retention")
def apply_retention():
    return retention.apply()
