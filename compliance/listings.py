"""Listings start in review: a cooperative's new or materially changed listing stays hidden
until staff, or the trusted-cooperative rule, approve it (E-commerce Law 122/2025/QH15)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from oscar.core.loading import get_model

from .models import ListingRecord, ListingReview, TrustedSeller

Product = get_model("catalogue", "Product")
HIDDEN = (ListingReview.Status.PENDING, ListingReview.Status.REJECTED)


@cache
def material_fields() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "listings.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["material_fields"])


def is_material(changed: set[str] | list[str]) -> bool:
    return bool(material_fields() & set(changed))


def snapshot(product) -> dict:
    data = {field: getattr(product, field, None) for field in sorted(material_fields())}
    data["is_public"] = product.is_public
    data["price"] = [
        str(record.price) for record in product.stockrecords.all() if product.pk is not None
    ]
    return {
        k: (str(v) if v is not None and not isinstance(v, str | bool) else v)
        for k, v in data.items()
    }


def _record(product, event: str) -> None:
    ListingRecord.objects.create(
        product_id_kept=product.pk,
        producer_id_kept=product.producer_id,
        event=event,
        snapshot=snapshot(product),
    )


def is_trusted(product) -> bool:
    return (
        bool(product.producer_id)
        and TrustedSeller.objects.filter(producer_id=product.producer_id).exists()
    )


@transaction.atomic
def submit(product, by=None) -> ListingReview:
    """A cooperative created or materially changed `product`: hide it until it is approved."""
    review, _ = ListingReview.objects.update_or_create(
        product=product,
        defaults={
            "status": ListingReview.Status.PENDING,
            "submitted_at": timezone.now(),
            "submitted_by": by,
            "decided_at": None,
            "decided_by": None,
            "reason": "",
        },
    )
    _record(product, ListingRecord.Event.SUBMITTED)
    if is_trusted(product):
        return approve(product, by=None, publish=product.is_public)
    if product.is_public:
        product.is_public = False
        product.save(update_fields=["is_public"])
    return review


@transaction.atomic
def approve(product, by=None, publish: bool = True) -> ListingReview:
    review, _ = ListingReview.objects.update_or_create(
        product=product,
        defaults={
            "status": ListingReview.Status.APPROVED,
            "decided_at": timezone.now(),
            "decided_by": by,
            "reason": "",
        },
    )
    if publish and not product.is_public:
        product.is_public = True
        product.save(update_fields=["is_public"])
    _record(product, ListingRecord.Event.APPROVED)
    return review


@transaction.atomic
def reject(product, reason: str, by=None) -> ListingReview:
    review, _ = ListingReview.objects.update_or_create(
        product=product,
        defaults={
            "status": ListingReview.Status.REJECTED,
            "decided_at": timezone.now(),
            "decided_by": by,
            "reason": reason,
        },
    )
    if product.is_public:
        product.is_public = False
        product.save(update_fields=["is_public"])
    _record(product, ListingRecord.Event.REJECTED)
    return review


def is_held(product) -> bool:
    return (
        product.pk is not None
        and ListingReview.objects.filter(product_id=product.pk, status__in=HIDDEN).exists()
    )


@receiver(pre_save, sender=Product, dispatch_uid="compliance-listing-held")
def keep_held_listing_hidden(sender, instance, **kwargs):
    """Whatever form or script saves it, a listing in review is not published."""
    if instance.is_public and is_held(instance):
        instance.is_public = False


@receiver(pre_delete, sender=Product, dispatch_uid="compliance-listing-deleted")
def keep_deleted_listing(sender, instance, **kwargs):
    """A deleted listing is kept as a record for COMPLIANCE_LISTING_RETENTION_DAYS."""
    if instance.producer_id:
        _record(instance, ListingRecord.Event.DELETED)
