"""On PostgreSQL: the unaccent and pg_trgm extensions and trigram indexes for search.

`search_title` and `search_body` hold folded text, so a trigram GIN index serves the
`LIKE '%word%'` filters search runs. SQLite needs none of this and skips it.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

INDEXES = [
    ("catalogue_product_search_title_trgm", "catalogue_product", "search_title"),
    ("catalogue_product_search_body_trgm", "catalogue_product", "search_body"),
    ("catalogue_searchword_word_trgm", "catalogue_searchword", "word"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_ocop_rating_product_attributes")]

    operations = [
        CreateExtension("unaccent"),
        CreateExtension("pg_trgm"),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
