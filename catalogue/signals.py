"""Keep each product's producer, province of origin and search text in step with the producers app.

A product is sold by one cooperative (its stock record's partner); the producer profile
is one-to-one with that partner. Storing the producer on the product lets listings show
and facet it without joins through stock records.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from oscar.core.loading import get_model

from lib.html import clean_html

from .versions import CATALOGUE_VERSION


def link_products_to_producer(sender, instance, raw=False, **kwargs):
    """When a producer is saved, attach its partner's products and refresh their search text."""
    if raw:
        return
    Product = get_model("catalogue", "Product")
    match = Q(producer=instance)
    if instance.partner_id:
        match |= Q(producer__isnull=True, stockrecords__partner_id=instance.partner_id)
    for product in Product.objects.filter(match).distinct().select_related("producer"):
        _attach(product, instance)


def link_product_on_stockrecord(sender, instance, raw=False, **kwargs):
    """A new stock record tells which cooperative sells the product."""
    if raw:
        return
    Producer = get_model("producers", "Producer")
    product = instance.product
    if product.producer_id:
        return
    producer = Producer.objects.filter(partner_id=instance.partner_id).first()
    if producer:
        _attach(product, producer)


def clean_richtext_attribute(sender, instance, raw=False, **kwargs):
    """Rich-text attribute values are written by cooperatives: only the allow-list is stored."""
    if instance.value_richtext:
        instance.value_richtext = clean_html(instance.value_richtext)


def _attach(product, producer) -> None:
    product.producer = producer
    if not product.origin_province_code:
        product.origin_province_code = producer.province_code or ""
    product.save(update_fields=["producer", "origin_province_code"])


def connect() -> None:
    for app_label, model_name in [
        ("catalogue", "Product"),
        ("catalogue", "OcopRating"),
        ("catalogue", "ProductCategory"),
        ("catalogue", "ProductImage"),
        ("catalogue", "Category"),
        ("partner", "StockRecord"),
        ("reviews", "ProductReview"),
        # What the search page shows besides products, and the producer on product cards.
        ("producers", "Producer"),
        ("cms", "PageSearchText"),
        # The product page links to the latest published batch's origin page.
        ("traceability", "Batch"),
    ]:
        model = get_model(app_label, model_name)
        post_save.connect(
            CATALOGUE_VERSION.bump, sender=model, dispatch_uid=f"ocop-version-{model_name}"
        )
        post_delete.connect(
            CATALOGUE_VERSION.bump, sender=model, dispatch_uid=f"ocop-version-del-{model_name}"
        )
    # What search orders equal matches by (`rank_boost.py`): certified stars and stock.
    from . import rank_boost

    for app_label, model_name in [("catalogue", "OcopRating"), ("partner", "StockRecord")]:
        model = get_model(app_label, model_name)
        post_save.connect(
            rank_boost.on_change, sender=model, dispatch_uid=f"ocop-rank-boost-{model_name}"
        )
        post_delete.connect(
            rank_boost.on_change, sender=model, dispatch_uid=f"ocop-rank-boost-del-{model_name}"
        )
    post_save.connect(
        link_products_to_producer,
        sender=get_model("producers", "Producer"),
        dispatch_uid="ocop-link-producer",
    )
    pre_save.connect(
        clean_richtext_attribute,
        sender=get_model("catalogue", "ProductAttributeValue"),
        dispatch_uid="ocop-clean-richtext-attribute",
    )
    post_save.connect(
        link_product_on_stockrecord,
        sender=get_model("partner", "StockRecord"),
        dispatch_uid="ocop-link-stockrecord",
    )
