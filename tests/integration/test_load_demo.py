"""load_demo builds the demo marketplace, twice without duplicates, and from scratch with --reset."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.models import Site

from cms.models import HomePage, NewsArticlePage

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
PartnerAddress = get_model("partner", "PartnerAddress")

pytestmark = pytest.mark.django_db


def counts():
    return {
        "products": Product.objects.count(),
        "partners": Partner.objects.count(),
        "categories": Category.objects.count(),
        "stockrecords": StockRecord.objects.count(),
        "users": get_user_model().objects.count(),
        "articles": NewsArticlePage.objects.count(),
        "homes": HomePage.objects.count(),
    }


def load(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_is_a_believable_marketplace():
    assert Partner.objects.count() >= 30
    provinces = set(PartnerAddress.objects.values_list("state", flat=True))
    assert len(provinces) >= 15
    assert Product.objects.count() >= 150
    sectors = Category.objects.filter(depth=1)
    assert sectors.count() == 6
    for sector in sectors:
        assert Product.objects.filter(categories__in=sector.get_descendants_and_self()).exists(), (
            sector
        )
    assert not StockRecord.objects.exclude(price_currency="VND").exists()
    assert not StockRecord.objects.exclude(price__endswith=".00").exists() or all(
        price == price.to_integral_value()
        for price in StockRecord.objects.values_list("price", flat=True)
    )
    assert not Product.objects.filter(images=None).exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert NewsArticlePage.objects.live().count() >= 3


def test_every_product_is_sold_by_exactly_one_cooperative():
    assert not Product.objects.exclude(stockrecords__isnull=False).exists()
    for product in Product.objects.prefetch_related("stockrecords")[:50]:
        assert len(product.stockrecords.all()) == 1


def test_running_it_twice_gives_the_same_counts():
    before = counts()
    output = load()
    assert counts() == before
    assert "admin@ocop.vn" in output  # the logins are printed


def test_reset_rebuilds_the_same_marketplace(settings, tmp_path):
    # --reset deletes image files, which the rollback cannot restore: give it its own media.
    settings.MEDIA_ROOT = str(tmp_path)
    before = counts()
    first_product = Product.objects.order_by("pk").first()
    load("--reset")
    assert counts() == before
    assert not Product.objects.filter(pk=first_product.pk).exists()  # rebuilt, not kept
    assert Product.objects.filter(upc=first_product.upc).exists()
