"""Products imported in bulk become searchable once the search index is rebuilt."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from search.query import search_products
from tests.factories import CategoryFactory, bulk_products

Product = get_model("catalogue", "Product")
SearchWord = get_model("catalogue", "SearchWord")

pytestmark = pytest.mark.django_db


def test_rebuilding_the_index_makes_bulk_products_findable_by_producer_and_province():
    products = bulk_products(3, CategoryFactory(), word="sencha")
    Product.objects.filter(pk__in=[p.pk for p in products]).update(search_title="", search_body="")
    assert not search_products(Product.objects.filter(pk=products[0].pk), "sencha").exists()

    call_command("rebuild_search_index", stdout=StringIO())

    product = Product.objects.select_related("producer").get(pk=products[0].pk)
    assert search_products(Product.objects.all(), "tra sencha").filter(pk=product.pk).exists()
    province = product.origin_province.short_name
    assert (
        search_products(Product.objects.all(), f"sencha {province}").filter(pk=product.pk).exists()
    )
    assert SearchWord.objects.filter(word="sencha").exists()


def test_saving_a_product_keeps_its_folded_text_and_the_vocabulary():
    product = Product.objects.filter(producer__isnull=False).first()
    product.title = "Bánh đậu xanh Hải Dương đặc biệt"
    product.save()
    product.refresh_from_db()
    assert product.search_title.startswith("banh dau xanh hai duong dac biet")
    assert fold_in(product.producer.name, product.search_body)
    assert SearchWord.objects.filter(word="duong").exists()


def fold_in(text: str, folded: str) -> bool:
    from lib.text import search_text

    return search_text(text) in folded
