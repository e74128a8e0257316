"""Run daily (cron or celery beat): remind cooperatives of OCOP certificates about to expire."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from catalogue.tasks import send_ocop_expiry_reminders


class Command(BaseCommand):
    help = (
        "E-mail cooperatives whose OCOP certificates expire within 30 days (each certificate once)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Pretend today is this date (YYYY-MM-DD); runs in this process."
        )

    def handle(self, *args, date=None, **options):
        if date:
            from catalogue.services import send_expiry_reminders

            try:
                on = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD") from None
            sent = send_expiry_reminders(on)
        else:
            result = send_ocop_expiry_reminders.delay()
            sent = result.get() if result.ready() else None
        if sent is None:
            self.stdout.write("Queued the OCOP expiry reminders for the Celery worker.")
        else:
            self.stdout.write(f"Sent {sent} OCOP expiry reminder(s).")
