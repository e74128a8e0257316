"""Where bank transfers go, Stripe checkouts in flight, and what the payment webhooks said."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceivingAccountQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_active=True).order_by("-pk").first()


class ReceivingAccount(models.Model):
    """The marketplace's bank account that buyers transfer to (shown as VietQR)."""

    bank_name = models.CharField(_("Bank"), max_length=100)
    bank_bin = models.CharField(
        _("Bank BIN"), max_length=6, help_text=_("NAPAS six-digit bank code.")
    )
    account_number = models.CharField(_("Account number"), max_length=19)
    account_name = models.CharField(_("Account holder"), max_length=100)
    is_active = models.BooleanField(_("In use"), default=True)

    objects = ReceivingAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("Receiving bank account")
        verbose_name_plural = _("Receiving bank accounts")

    def __str__(self) -> str:
        return f"{self.bank_name} {self.account_number}"


class StripeCheckout(models.Model):
    """One card payment attempt: its PaymentIntent, the checkout details and a snapshot of what
    it charges for, enough to place the order from the webhook alone, exactly as priced.

    Open while the intent can still succeed (its basket frozen); then closed for good and kept,
    never deleted: placed, failed, cancelled (the basket changed), superseded (a later attempt)
    or expired (abandoned). A success for a closed attempt is refunded (`refund_id`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        PLACED = "placed", _("Order placed")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        SUPERSEDED = "superseded", _("Superseded by a later attempt")
        EXPIRED = "expired", _("Expired")

    payment_intent_id = models.CharField(max_length=255, unique=True)
    # The basket's: every attempt at paying one basket shares it, as its order would.
    order_number = models.CharField(max_length=128, db_index=True)
    basket = models.ForeignKey("basket.Basket", on_delete=models.SET_NULL, null=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    amount = models.PositiveBigIntegerField()
    data = models.JSONField(default=dict)
    # Lines, shipping and total as priced when the intent started (checkout/snapshot.py).
    snapshot = models.JSONField(default=dict)
    order = models.OneToOneField("order.Order", on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    note = models.CharField(max_length=255, blank=True)
    refund_id = models.CharField(max_length=255, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["basket"],
                condition=models.Q(status="open"),
                name="one_open_card_payment_per_basket",
            )
        ]

    def __str__(self) -> str:
        return self.payment_intent_id

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class StripeEvent(models.Model):
    """Each Stripe event handled once: a replay finds its id here and changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class BankTransferNotification(models.Model):
    """A credit the bank told us about, and whether it paid an order."""

    class Result(models.TextChoices):
        MATCHED = "matched", _("Matched")
        MISMATCH = "mismatch", _("Needs review")
        DUPLICATE = "duplicate", _("Already paid")
        # For an order already cancelled: listed for staff as a refund due (order.RefundDue).
        REFUND_DUE = "refund_due", _("Refund due")

    transaction_id = models.CharField(_("Bank reference"), max_length=100, unique=True)
    amount = models.DecimalField(_("Amount"), max_digits=14, decimal_places=0)
    memo = models.CharField(_("Memo"), max_length=255, blank=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bank_transfers",
    )
    result = models.CharField(_("Result"), max_length=12, choices=Result.choices)
    reason = models.CharField(_("Reason"), max_length=255, blank=True)
    reviewed = models.BooleanField(_("Reviewed"), default=False)
    received_at = models.DateTimeField(_("Received at"), auto_now_add=True)
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Bank transfer notification")
        verbose_name_plural = _("Bank transfer notifications")

    def __str__(self) -> str:
        return f"{self.transaction_id} {self.amount}"


from oscar.apps.payment.models import *  # noqa: E402, F403


class TermsReminder(models.Model):
    """An overdue reminder sent for an order on terms, once per step (`payment.terms`)."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="terms_reminders"
    )
    days_overdue = models.PositiveSmallIntegerField(_("Days overdue"))
    sent_at = models.DateTimeField(_("Sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Overdue payment reminder")
        verbose_name_plural = _("Overdue payment reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "days_overdue"], name="payment_one_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id} +{self.days_overdue}"
