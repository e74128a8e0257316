"""Recompute every product's folded search text and the typo-tolerance vocabulary.

Product.save() keeps both up to date; run this after bulk imports that bypass save()
(bulk_create, raw SQL) or after changing how search text is built.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from oscar.core.loading import get_model

from catalogue.versions import CATALOGUE_VERSION

CHUNK = 2000


class Command(BaseCommand):
    help = "Refresh products' folded search text and the search vocabulary."

    def handle(self, *args, **options):
        Product = get_model("catalogue", "Product")
        SearchWord = get_model("catalogue", "SearchWord")
        done, last_pk = 0, 0
        while True:
            chunk = list(
                Product.objects.filter(pk__gt=last_pk)
                .select_related("producer")
                .order_by("pk")[:CHUNK]
            )
            if not chunk:
                break
            words: set[str] = set()
            for product in chunk:
                product.refresh_search_text()
                words |= SearchWord.words_in(product.search_title, product.search_body)
            with transaction.atomic():
                Product.objects.bulk_update(chunk, ["search_title", "search_body"], batch_size=500)
                SearchWord.objects.bulk_create(
                    [SearchWord(word=w, length=len(w)) for w in words],
                    ignore_conflicts=True,
                    batch_size=1000,
                )
            done += len(chunk)
            last_pk = chunk[-1].pk
        CATALOGUE_VERSION.bump()  # cached facets and pages may show what was imported
        self.stdout.write(f"Refreshed the search text of {done} products.")
