from django.core.management.base import BaseCommand, CommandError

from programme import summaries


class Command(BaseCommand):
    help = (
        "Recount the programme dashboard's summaries from their sources: the monthly sales "
        "(order lines) and the certified products (ratings and certificates)."
    )

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="sales, certifications (all by default)")

    def handle(self, *args, names=(), **options):
        try:
            rebuilt = summaries.rebuild_all(names)
        except KeyError as unknown:
            raise CommandError(f"No such summary: {unknown.args[0]}") from None
        for name, rows in rebuilt.items():
            self.stdout.write(f"{name}: {rows} rows.")
