"""Run daily (cron or celery beat): remind cooperatives of OCOP certificates about to expire."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from catalogue.services import send_expiry_reminders
from catalogue.tasks import send_ocop_expiry_reminders


class Command(BaseCommand):
    help = (
        "E-mail cooperatives whose OCOP certificates expire within 30 days (each certificate once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--queue", action="store_true", help="Hand the work to the Celery worker and return."
        )

    def handle(self, *args, date=None, queue=False, **options):
        if queue:
            send_ocop_expiry_reminders.delay()
            self.stdout.write("Queued the OCOP expiry reminders for the Celery worker.")
            return
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD") from None
        sent = send_expiry_reminders(on)
        self.stdout.write(f"Sent {sent} OCOP expiry reminder(s).")
