from django.core.management.base import BaseCommand

from trade.services import close_expired


class Command(BaseCommand):
    help = "Close the sourcing requests whose time on the board is up."

    def handle(self, *args, **options):
        self.stdout.write(f"{close_expired()} request(s) closed")
