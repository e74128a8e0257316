"""Oscar's order with a payment method, one shipment per cooperative, and its history.

Statuses and which may follow which: `order/statuses.py`. Changing one: `Order.transition`
(`order/transitions.py`), which writes an `OrderTransition` and, when money arrives that cannot
pay the order, a `RefundDue`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder

from . import statuses
from .statuses import PIPELINE, Source


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Cash on delivery")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer (VietQR)")
    CARD = "card", _("Card")
    # Only for wholesale orders made from an accepted quote (trade.orders); the public checkout
    # never offers it (checkout.forms lists its own choices).
    ON_TERMS = "on_terms", _("On terms (pay by the due date)")


class Order(AbstractOrder):
    """Oscar's order, paid one of four ways; fulfilled by one shipment per cooperative."""

    payment_method = models.CharField(
        _("Payment method"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.COD
    )
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    # Orders on terms: the day the buyer's payment is due (trade's reminders read it).
    payment_due_on = models.DateField(_("Payment due on"), null=True, blank=True)
    customer_notes = models.TextField(_("Order notes"), blank=True)
    language = models.CharField(_("Language"), max_length=10, default="vi")
    # A bank transfer that did not match (amount or memo) waits for staff.
    payment_flagged = models.BooleanField(_("Payment needs review"), default=False)

    # Which status may follow which (order/statuses.py); Oscar's dashboard offers these.
    pipeline = PIPELINE

    def get_status_display(self) -> str:
        return statuses.label(self.status)

    def get_status_url(self) -> str:
        """The order-status page, signed so a guest can open it from the e-mail's link."""
        return reverse(
            "checkout:order-status",
            kwargs={"order_number": self.number, "hash": self.verification_hash()},
        )

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def payment_overdue(self) -> bool:
        """An order on terms not paid by its due date."""
        return (
            self.payment_due_on is not None
            and self.paid_at is None
            and self.payment_due_on < timezone.localdate()
            and self.status not in statuses.MONEY_GOES_BACK
        )

    @property
    def is_cancelled(self) -> bool:
        return self.status == statuses.CANCELLED

    def transition(
        self,
        to: str,
        *,
        by=None,
        source: str = Source.SYSTEM,
        reason: str = "",
        payment=None,
        only_if=None,
    ):
        """Move the order to status `to`: the one way to change an order's status.

        Checked under a row lock against `statuses.PIPELINE` and the move's conditions; applies
        what the move does (stock released on cancel, `paid_at` on paid…) and writes an
        `OrderTransition` (who: `by`, a user or None; `source`: a `statuses.Source`; `reason`).
        Never raises for a move that is not allowed: the returned `transitions.Outcome` says
        `refused` (a message for the reader) and changes nothing. `to="paid"` takes a
        `transitions.Payment` (amount, reference, event name); money from the bank or a card
        (`source`) that cannot pay the order becomes a `RefundDue` (`outcome.refund_due`).
        See order/transitions.py.
        """
        from .transitions import transition

        return transition(
            self, to, by=by, source=source, reason=reason, payment=payment, only_if=only_if
        )

    def mark_paid(
        self,
        *,
        reference: str = "",
        event_name: str = "Paid",
        by=None,
        source: str = Source.SYSTEM,
        amount: Decimal | None = None,
    ) -> bool:
        """Record the payment once (`transition("paid")`); False when it was not recorded
        (already paid, or cancelled)."""
        from .transitions import Payment

        payment = Payment(amount=amount, reference=reference, event_name=event_name)
        return self.transition(statuses.PAID, by=by, source=source, payment=payment).paid

    def cancel(self, reason: str = "", *, by=None, source: str = Source.SYSTEM):
        """Cancel the order, its open shipments and the stock they held (`transition`)."""
        return self.transition(statuses.CANCELLED, by=by, source=source, reason=reason)

    def refresh_fulfilment_status(self, *, by=None, source: str = Source.SYSTEM) -> None:
        """Follow the shipments: shipped, completed, or cancelled once every one is."""
        from .transitions import follow_shipments

        follow_shipments(self, by=by, source=source)

    def history(self):
        """The order's transitions, oldest first, with who made them."""
        return self.transitions.select_related("by").order_by("at", "pk")


class OrderTransition(models.Model):
    """One change of an order's status: from, to, who, when and why (the audit trail)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="transitions")
    # Empty for the order being placed.
    from_status = models.CharField(_("Previous status"), max_length=100, blank=True)
    to_status = models.CharField(_("New status"), max_length=100)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("By"),
    )
    source = models.CharField(_("Source"), max_length=12, choices=Source.choices)
    reason = models.CharField(_("Reason"), max_length=500, blank=True)
    at = models.DateTimeField(_("Changed at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("Order status change")
        verbose_name_plural = _("Order status changes")

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '-'} -> {self.to_status}"

    @property
    def from_label(self) -> str:
        return statuses.label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return statuses.label(self.to_status)

    @property
    def reason_display(self) -> str:
        """The reason in the reader's language: the system's own reasons are translated."""
        return gettext(self.reason) if self.reason else ""

    @property
    def who(self) -> str:
        """Staff and cooperatives by name; otherwise where the change came from."""
        if self.by is not None:
            return self.by.get_full_name() or self.by.email or str(self.by)
        return self.get_source_display()


class RefundDue(models.Model):
    """Money that arrived for an order it could not pay (cancelled, or paid already): staff
    give it back, then mark it refunded here."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="refunds_due")
    amount = models.DecimalField(_("Amount"), max_digits=14, decimal_places=0)
    # The bank's transaction id or the card payment's id.
    reference = models.CharField(_("Reference"), max_length=128, blank=True)
    source = models.CharField(_("Source"), max_length=12, choices=Source.choices)
    reason = models.CharField(_("Reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("Received at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("Refunded at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Refunded by"),
    )
    note = models.CharField(_("Note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "reference"],
                condition=~models.Q(reference=""),
                name="one_refund_due_per_payment",
            )
        ]
        verbose_name = _("Refund due")
        verbose_name_plural = _("Refunds due")

    def __str__(self) -> str:
        return f"{self.order_id} {self.amount} {self.reference}"

    @property
    def reason_display(self) -> str:
        return gettext(self.reason) if self.reason else ""


class ShippingAddress(AbstractShippingAddress):
    """A Vietnamese delivery address: street, commune and province of the 2025 map."""

    province_code = models.CharField(_("Province or city"), max_length=2, blank=True)
    commune_code = models.CharField(_("Commune, ward or special zone"), max_length=5, blank=True)


class Shipment(models.Model):
    """The lines of one order that one cooperative ships, and where they are."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.PENDING: (Status.CONFIRMED, Status.CANCELLED),
        Status.CONFIRMED: (Status.SHIPPED, Status.CANCELLED),
        Status.SHIPPED: (Status.DELIVERED,),
        Status.DELIVERED: (),
        Status.CANCELLED: (),
    }

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    # Like Oscar's order lines, a shipment outlives its partner record (kept by name).
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        related_name="shipments",
        verbose_name=_("Cooperative"),
    )
    partner_name = models.CharField(_("Cooperative name"), max_length=128, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    subtotal = models.DecimalField(_("Goods"), max_digits=14, decimal_places=2, default=Decimal(0))
    shipping_charge = models.DecimalField(
        _("Shipping charge"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    carrier = models.CharField(_("Carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("Tracking number"), max_length=100, blank=True)
    cancel_reason = models.TextField(_("Reason for cancelling"), blank=True)
    cash_collected_at = models.DateTimeField(_("Cash collected at"), null=True, blank=True)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Confirmed at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("Shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("Delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["order", "partner_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "partner"], name="one_shipment_per_cooperative"
            )
        ]
        verbose_name = _("Shipment")
        verbose_name_plural = _("Shipments")

    def __str__(self) -> str:
        return f"{self.order.number} / {self.partner_name}"

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_charge

    @property
    def lines(self):
        return self.order.lines.filter(partner_id=self.partner_id)

    def notes(self):
        """The order's notes written by this cooperative's people; staff's stay on the order page."""
        if self.partner_id is None:
            return self.order.notes.none()
        return self.order.notes.filter(user__partners=self.partner_id).order_by("date_created")

    def allowed_transitions(self) -> tuple[str, ...]:
        if self.order.status in statuses.CLOSED:
            return ()
        return self.TRANSITIONS[self.Status(self.status)]

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_transitions()

    def move_to(
        self,
        status: str,
        *,
        carrier: str = "",
        tracking_number: str = "",
        reason: str = "",
        by=None,
        source: str = Source.COOPERATIVE,
    ) -> None:
        """Move the shipment on; the order follows (`Order.refresh_fulfilment_status`)."""
        if not self.can_move_to(status):
            raise ValueError(f"{self.status} -> {status} is not allowed")
        if status == self.Status.CANCELLED:
            self.cancel(reason, by=by, source=source)
            return
        with transaction.atomic():
            now = timezone.now()
            self.status = status
            if status == self.Status.CONFIRMED:
                self.confirmed_at = now
            elif status == self.Status.SHIPPED:
                self.shipped_at = now
                self.carrier, self.tracking_number = carrier, tracking_number
            elif status == self.Status.DELIVERED:
                self.delivered_at = now
                # The goods left the cooperative: the allocation becomes a stock movement.
                for line in self.lines.select_related("stockrecord"):
                    if line.stockrecord and line.num_allocated:
                        line.consume_allocation(line.num_allocated)
            self.save()
            self.order.refresh_fulfilment_status(by=by, source=source)

    def cancel(
        self, reason: str = "", *, cascade: bool = True, by=None, source: str = Source.SYSTEM
    ) -> None:
        """Cancel the shipment and release its stock; with `cascade`, the order follows."""
        with transaction.atomic():
            self.status = self.Status.CANCELLED
            self.cancel_reason = reason
            self.cancelled_at = timezone.now()
            self.save()
            for line in self.lines.select_related("stockrecord"):
                if line.stockrecord and line.num_allocated:
                    line.cancel_allocation(line.num_allocated)
            if cascade:
                self.order.refresh_fulfilment_status(by=by, source=source)

    def collect_cash(self, *, by=None, source: str = Source.COOPERATIVE) -> None:
        """The cooperative collected the cash on delivery; the order is paid once all have."""
        with transaction.atomic():
            self.cash_collected_at = timezone.now()
            self.save(update_fields=["cash_collected_at"])
            open_ = self.order.shipments.exclude(status=self.Status.CANCELLED)
            if not open_.filter(cash_collected_at__isnull=True).exists():
                self.order.mark_paid(
                    reference="cod", event_name="Cash on delivery", by=by, source=source
                )
            self.order.refresh_fulfilment_status(by=by, source=source)


from oscar.apps.order.models import *  # noqa: E402, F403
