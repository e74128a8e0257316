"""Search matches whole words: the stored search text loses its punctuation and, on PostgreSQL,
a GIN index over its words replaces the trigram indexes of migration 0035.

Two-letter Vietnamese syllables ("ca", "me", "xa") have no trigrams, so the trigram indexes
could not serve the queries visitors type most; a word index can.
"""

from django.db import migrations

from lib.text import search_text

# Frozen here rather than imported: search.db.WORDS_SQL must keep producing this expression
# for PostgreSQL to use the index.
WORDS_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS catalogue_product_words ON catalogue_product USING gin ("
    "to_tsvector('simple'::regconfig, search_title || ' ' || search_body))"
)

OLD_INDEXES = [
    ("catalogue_product_search_title_trgm", "search_title"),
    ("catalogue_product_search_body_trgm", "search_body"),
]


def split_words(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    changed = []
    for product in Product.objects.only("search_title", "search_body").iterator(chunk_size=2000):
        title, body = search_text(product.search_title), search_text(product.search_body)
        if (title, body) != (product.search_title, product.search_body):
            product.search_title, product.search_body = title, body
            changed.append(product)
        if len(changed) >= 2000:
            Product.objects.bulk_update(changed, ["search_title", "search_body"])
            changed = []
    if changed:
        Product.objects.bulk_update(changed, ["search_title", "search_body"])


def create_word_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(WORDS_INDEX_SQL)


def drop_word_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS catalogue_product_words")
    for name, column in OLD_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON catalogue_product USING gin ({column} gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0036_product_listing_order")]

    operations = [
        migrations.RunPython(split_words, migrations.RunPython.noop),
        migrations.RunPython(create_word_index, drop_word_index),
    ]
