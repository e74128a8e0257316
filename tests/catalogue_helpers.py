"""Bulk-built catalogues for the catalogue and search tests (hundreds of products in a few queries)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rating_rules import current_rules
from lib.text import search_text
from traceability.gs1 import make_gtin13

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
OcopRating = get_model("catalogue", "OcopRating")
Producer = get_model("producers", "Producer")


def make_category(name: str = "Trà thảo mộc thử nghiệm", code: str = "T9") -> object:
    return Category.add_root(name=name, name_en="Test herbal teas", code=code)


def make_products(count: int, category, word: str = "kombucha", start: int = 0) -> list:
    """`count` public products in `category`, each with a price, a producer and an OCOP rating."""
    rules = current_rules()
    product_class = ProductClass.objects.get(slug="ocop-product")
    producer = Producer.objects.approved().order_by("pk").first()
    today = timezone.localdate()
    products = []
    for i in range(start, start + count):
        title = f"Trà {word} Tây Bắc số {i}"
        products.append(
            Product(
                title=title,
                slug=f"tra-{word}-{i}",
                upc=make_gtin13("9999", f"{i:05d}"),
                product_class=product_class,
                is_public=True,
                producer=producer,
                origin_province_code=producer.province_code,
                search_title=search_text(title),
                search_body=search_text(f"{word} thảo mộc {producer.name}"),
            )
        )
    products = Product.objects.bulk_create(products)
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=p, category=category) for p in products]
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=p,
                partner=producer.partner,
                partner_sku=f"T-{p.upc}",
                price=Decimal(50_000 + 1_000 * (i % 900)),
                num_in_stock=10,
            )
            for i, p in enumerate(products, start=start)
        ]
    )
    ratings = []
    for i, p in enumerate(products, start=start):
        score = 50 + i % 50
        issued = today - datetime.timedelta(days=100 + i % 300)
        ratings.append(
            OcopRating(
                product=p,
                score=score,
                stars=rules.stars_for(score),
                issued_on=issued,
                expires_on=rules.expiry_for(issued),
                certificate_number=f"T-{i}",
            )
        )
    OcopRating.objects.bulk_create(ratings)
    return products
