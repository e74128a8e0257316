"""Payment on terms: a wholesale order (trade) paid within 15, 30 or 60 days of being placed.

Only trade's accepted quotes create such orders (`trade.orders`); the public checkout never
offers the method (`checkout.forms` lists its own). The order carries its due date
(`Order.payment_due_on`); staff (or a bank notification) mark it paid as any other order. An
order still unpaid after its due date is overdue: its buyer is reminded once at each step of
`REMIND_AFTER_DAYS` (the beat task `trade.remind_overdue_payments`), each step recorded as a
`TermsReminder` so a reminder is never sent twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from order.statuses import MONEY_GOES_BACK

ON_TERMS = "on_terms"
# Days the buyer has to pay after the order is placed; 0 is "pay by bank transfer first".
TERMS_DAYS = (15, 30, 60)
TERMS_CHOICES = [
    (0, _("Bank transfer before delivery")),
    (15, _("On terms: net 15 days")),
    (30, _("On terms: net 30 days")),
    (60, _("On terms: net 60 days")),
]
# Days after the due date at which an unpaid order's buyer is reminded.
REMIND_AFTER_DAYS = (1, 7, 14, 30)


def due_on(days: int, placed: datetime.date | None = None) -> datetime.date:
    """The due date of an order placed on `placed` (today) with `days` of terms."""
    if days not in TERMS_DAYS:
        raise ValueError(f"{days} days are not terms the marketplace offers")
    return (placed or timezone.localdate()) + datetime.timedelta(days=days)


def overdue(today: datetime.date | None = None):
    """Orders on terms not paid by their due date (and neither cancelled nor refunded)."""
    Order = get_model("order", "Order")
    return Order.objects.filter(
        payment_method=ON_TERMS,
        paid_at__isnull=True,
        payment_due_on__lt=today or timezone.localdate(),
    ).exclude(status__in=MONEY_GOES_BACK)


def step_for(days_late: int) -> int | None:
    """The last reminder step reached after `days_late` days (None: not yet)."""
    reached = [step for step in REMIND_AFTER_DAYS if days_late >= step]
    return reached[-1] if reached else None


def reminders_due(today: datetime.date | None = None) -> Iterator[tuple[object, int]]:
    """(order, days overdue) for each overdue order whose current step has not been sent;
    the step is recorded as the pair is handed out, so a second run sends nothing again. A
    step missed while the task did not run is not sent late: only the latest one is."""
    today = today or timezone.localdate()
    TermsReminder = get_model("payment", "TermsReminder")
    for order in overdue(today).order_by("payment_due_on", "pk"):
        step = step_for((today - order.payment_due_on).days)
        if step is None:
            continue
        try:
            with transaction.atomic():
                TermsReminder.objects.create(order=order, days_overdue=step)
        except IntegrityError:
            continue  # sent already (or by a run at the same time)
        yield order, (today - order.payment_due_on).days
