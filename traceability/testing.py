"""Builders for tests and benchmarks: a batch of a cooperative's product with its journey."""

from __future__ import annotations

import datetime
import itertools
from urllib.parse import urlsplit

from django.utils import timezone
from oscar.core.loading import get_model

from .models import Batch, JourneyEvent

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

_lots = itertools.count(1)


def product_of(partner=None, gtin: bool = True):
    """A public product sold by ``partner`` (any demo cooperative when None)."""
    products = Product.objects.filter(stockrecords__isnull=False, is_public=True).order_by("pk")
    if partner is not None:
        products = products.filter(stockrecords__partner=partner)
    if gtin:
        products = products.exclude(upc__isnull=True).exclude(upc="")
    return products.first()


def make_batch(
    product=None,
    *,
    lot: str | None = None,
    events: int = 3,
    publish: bool = True,
    **fields,
) -> Batch:
    """A batch of ``product`` with ``events`` journey steps, published unless asked not to."""
    product = product or product_of()
    partner = product.stockrecords.all()[0].partner
    today = timezone.localdate()
    defaults = {
        "produced_on": today - datetime.timedelta(days=10),
        "expires_on": today + datetime.timedelta(days=355),
        "quantity": 500,
        "unit": "hộp",
        "origin_name": "Vùng nguyên liệu thử",
        "province_code": "01",
    }
    batch = Batch.objects.create(
        product=product,
        partner=partner,
        lot=lot or f"T{next(_lots):04d}-{timezone.now():%H%M%S}",
        **{**defaults, **fields},
    )
    kinds = [k for k, _ in JourneyEvent.Kind.choices]
    JourneyEvent.objects.bulk_create(
        JourneyEvent(
            batch=batch,
            kind=kinds[i % len(kinds)],
            occurred_at=timezone.now() - datetime.timedelta(days=10, hours=-i),
            place=f"Nơi {i}",
            actor="Tổ sản xuất",
            description=f"Bước {i}",
        )
        for i in range(events)
    )
    if publish:
        batch.publish()
    return batch


def path_of(uri: str) -> str:
    """The path of a printed URI, as a test client or a load generator asks for it."""
    return urlsplit(uri).path
