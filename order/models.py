"""Oscar's order with a payment method, and one shipment per cooperative."""

from __future__ import annotations

from decimal import Decimal

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder

STATUS_LABELS = {
    "awaiting-delivery-payment": _("Awaiting payment on delivery"),
    "awaiting-transfer": _("Awaiting bank transfer"),
    "paid": _("Paid"),
    "completed": _("Completed"),
    "cancelled": _("Cancelled"),
}


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Cash on delivery")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer (VietQR)")
    CARD = "card", _("Card")


class Order(AbstractOrder):
    """Oscar's order, paid one of three ways; fulfilled by one shipment per cooperative."""

    payment_method = models.CharField(
        _("Payment method"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.COD
    )
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    customer_notes = models.TextField(_("Order notes"), blank=True)
    language = models.CharField(_("Language"), max_length=10, default="vi")
    # A bank transfer that did not match (amount or memo) waits for staff.
    payment_flagged = models.BooleanField(_("Payment needs review"), default=False)

    def get_status_display(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

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
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    def mark_paid(self, *, reference: str = "", event_name: str = "Paid") -> bool:
        """Record the payment once; returns False when the order was already paid."""
        from oscar.core.loading import get_model

        PaymentEventType = get_model("order", "PaymentEventType")
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=self.pk)
            if locked.paid_at is not None or locked.status == "cancelled":
                return False
            locked.paid_at = timezone.now()
            locked.payment_flagged = False
            locked.save(update_fields=["paid_at", "payment_flagged"])
            if locked.status in ("awaiting-transfer", "awaiting-delivery-payment"):
                locked.set_status("paid")
            event_type, _created = PaymentEventType.objects.get_or_create(name=event_name)
            event = locked.payment_events.create(
                event_type=event_type, amount=locked.total_incl_tax, reference=reference[:128]
            )
            for line in locked.lines.all():
                event.line_quantities.create(line=line, quantity=line.quantity)
        self.refresh_from_db()
        return True

    def cancel(self, reason: str = "") -> None:
        """Cancel every open shipment and release the stock they held."""
        with transaction.atomic():
            for shipment in (
                self.shipments.select_for_update()
                .order_by("pk")
                .exclude(status__in=[Shipment.Status.DELIVERED, Shipment.Status.CANCELLED])
            ):
                shipment.cancel(reason, cascade=False)
            locked = Order.objects.select_for_update().get(pk=self.pk)
            if locked.status != "cancelled":
                locked.set_status("cancelled")
        self.refresh_from_db()

    def refresh_fulfilment_status(self) -> None:
        """Close the order once every shipment is settled (delivered or cancelled)."""
        states = set(self.shipments.values_list("status", flat=True))
        if not states:
            return
        if states == {Shipment.Status.CANCELLED}:
            if self.status != "cancelled":
                self.set_status("cancelled")
        elif states <= {Shipment.Status.DELIVERED, Shipment.Status.CANCELLED}:
            self.refresh_from_db()
            if self.paid_at and self.status != "completed":
                self.set_status("completed")


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

    def allowed_transitions(self) -> tuple[str, ...]:
        if self.order.status == "cancelled":
            return ()
        return self.TRANSITIONS[self.Status(self.status)]

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_transitions()

    def move_to(
        self, status: str, *, carrier: str = "", tracking_number: str = "", reason: str = ""
    ) -> None:
        if not self.can_move_to(status):
            raise ValueError(f"{self.status} -> {status} is not allowed")
        if status == self.Status.CANCELLED:
            self.cancel(reason)
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
            self.order.refresh_fulfilment_status()

    def cancel(self, reason: str = "", *, cascade: bool = True) -> None:
        with transaction.atomic():
            self.status = self.Status.CANCELLED
            self.cancel_reason = reason
            self.cancelled_at = timezone.now()
            self.save()
            for line in self.lines.select_related("stockrecord"):
                if line.stockrecord and line.num_allocated:
                    line.cancel_allocation(line.num_allocated)
            if cascade:
                self.order.refresh_fulfilment_status()

    def collect_cash(self) -> None:
        """The cooperative collected the cash on delivery; the order is paid once all have."""
        with transaction.atomic():
            self.cash_collected_at = timezone.now()
            self.save(update_fields=["cash_collected_at"])
            open_ = self.order.shipments.exclude(status=self.Status.CANCELLED)
            if not open_.filter(cash_collected_at__isnull=True).exists():
                self.order.mark_paid(reference="cod", event_name="Cash on delivery")
            self.order.refresh_fulfilment_status()


from oscar.apps.order.models import *  # noqa: E402, F403
