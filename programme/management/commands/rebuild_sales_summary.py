from django.core.management.base import BaseCommand

from programme import sales_summary


class Command(BaseCommand):
    help = "Recount the programme dashboard's monthly sales summary from the order lines."

    def handle(self, *args, **options):
        rows = sales_summary.rebuild()
        self.stdout.write(f"Sales summary rebuilt: {rows} rows.")
