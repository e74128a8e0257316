"""A basket that changes under an open card payment cancels it; a refund requested for an
order paid by card is made at Stripe (payment/cards.py)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model

from order import statuses
from order.transitions import order_transitioned

from . import cards

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")


def basket_saved(sender, instance, created, **kwargs) -> None:
    # Frozen while an intent is open: saved open again means thawed, whoever did it.
    if not created and instance.status == Basket.OPEN:
        cards.basket_changed(instance.pk)


def line_saved(sender, instance, **kwargs) -> None:
    cards.basket_changed(instance.basket_id)


def line_deleted(sender, instance, origin=None, **kwargs) -> None:
    # A basket deleted whole takes its lines along: its attempts keep their snapshot.
    deleted = origin.model if isinstance(origin, QuerySet) else type(origin)
    if not issubclass(deleted, Basket):
        cards.basket_changed(instance.basket_id)


def order_changed(sender, order, to_status, **kwargs) -> None:
    if to_status == statuses.REFUND_REQUESTED:
        # After the request is committed: a Stripe failure leaves it requested, not undone.
        transaction.on_commit(partial(cards.refund_order, order.pk))


def connect() -> None:
    order_transitioned.connect(order_changed, dispatch_uid="payment.order_changed")
    post_save.connect(basket_saved, sender=Basket, dispatch_uid="payment.basket_saved")
    post_save.connect(line_saved, sender=Line, dispatch_uid="payment.line_saved")
    post_delete.connect(line_deleted, sender=Line, dispatch_uid="payment.line_deleted")
