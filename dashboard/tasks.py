"""What a cooperative has to do now, for the top of its dashboard home: each task a count of
its own rows and a link to the page that lists exactly those rows.

Every count is scoped to the user's cooperatives (their partners): cooperative A never sees
B's figures. The filters behind the links (`?status=`, `?low_stock=1`, `?unanswered=1`) are the
ones the counts use (`low_stock`, `unanswered_reviews`), so the page shows what was counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.services import expiring_for_user

Shipment = get_model("order", "Shipment")
StockRecord = get_model("partner", "StockRecord")
Batch = get_model("traceability", "Batch")
ProductReview = get_model("reviews", "ProductReview")


@dataclass(frozen=True)
class Task:
    key: str
    label: str
    count: int
    url: str


def low_stock(stockrecords: QuerySet) -> QuerySet:
    """Stock records whose free stock is at or below their threshold (or the default one)."""
    threshold = Coalesce("low_stock_threshold", Value(settings.OCOP_LOW_STOCK_DEFAULT))
    free = F("num_in_stock") - Coalesce("num_allocated", Value(0))
    return (
        stockrecords.filter(num_in_stock__isnull=False).alias(free=free).filter(free__lte=threshold)
    )


def unanswered_reviews(reviews: QuerySet) -> QuerySet:
    """Published reviews the cooperative has not replied to yet."""
    return reviews.filter(status=ProductReview.APPROVED, reply="")


def own_reviews(user) -> QuerySet:
    return ProductReview.objects.filter(product__stockrecords__partner__users=user).distinct()


def cooperative_tasks(user) -> list[Task]:
    """The home page's to-do list for a cooperative's user (none for staff)."""
    if user.is_staff or not user.partners.exists():
        return []
    shipments = Shipment.objects.filter(partner__users=user)
    fulfilment = reverse("order-fulfilment:list")
    pending, confirmed = Shipment.Status.PENDING, Shipment.Status.CONFIRMED
    stock = low_stock(StockRecord.objects.filter(partner__users=user))
    return [
        Task(
            "orders_to_confirm",
            _("Orders to confirm"),
            shipments.filter(status=pending).count(),
            f"{fulfilment}?status={pending}",
        ),
        Task(
            "shipments_to_send",
            _("Shipments to send"),
            shipments.filter(status=confirmed).count(),
            f"{fulfilment}?status={confirmed}",
        ),
        Task(
            "stock_running_out",
            _("Products running out of stock"),
            stock.values("product").distinct().count(),
            reverse("dashboard:catalogue-product-list") + "?low_stock=1",
        ),
        Task(
            "certificates_expiring",
            _("OCOP certificates expiring"),
            expiring_for_user(user).count(),
            reverse("ocop:expiring"),
        ),
        Task(
            "batches_in_draft",
            _("Batches in draft"),
            Batch.objects.for_user(user).filter(status=Batch.Status.DRAFT).count(),
            reverse("dashboard:trace-batch-list") + f"?status={Batch.Status.DRAFT}",
        ),
        Task(
            "reviews_to_answer",
            _("Reviews to answer"),
            unanswered_reviews(own_reviews(user)).count(),
            reverse("dashboard:reviews-list") + "?unanswered=1",
        ),
    ]


def low_stock_products(products: QuerySet, user) -> QuerySet:
    """The products behind the stock task: those with a low stock record of the user's."""
    records = (
        StockRecord.objects.all()
        if user.is_staff
        else StockRecord.objects.filter(partner__users=user)
    )
    return products.filter(Q(pk__in=low_stock(records).values("product")))
