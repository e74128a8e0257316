from django.core.management.base import BaseCommand, CommandError

from catalogue.taxonomy import DEFAULT_TAXONOMY, TaxonomyError, load_taxonomy, read_taxonomy


class Command(BaseCommand):
    help = "Create or update the OCOP product categories from a taxonomy data file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_TAXONOMY))

    def handle(self, *args, path, **options):
        try:
            taxonomy = read_taxonomy(path)
        except (OSError, ValueError, TaxonomyError) as exc:
            raise CommandError(f"Cannot read taxonomy {path}: {exc}") from exc
        load_taxonomy(taxonomy)
        sectors, groups, subgroups = taxonomy.counts()
        self.stdout.write(
            f"Taxonomy {taxonomy.version}: {sectors} sectors, {groups} groups, {subgroups} sub-groups."
        )
