import datetime

from django.core.management.base import BaseCommand

from evaluation.reminders import send_renewal_reminders


class Command(BaseCommand):
    help = "Invite holders of OCOP certificates 120, 60 and 30 days from expiry to renew."

    def add_arguments(self, parser):
        parser.add_argument("--on", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, on=None, **options):
        sent = send_renewal_reminders(on)
        self.stdout.write(f"{sent} renewal invitation(s) sent.")
