from django.contrib import admin
from oscar.apps.payment.admin import *  # noqa: F403

from .models import BankTransferNotification, ReceivingAccount, StripeCheckout, StripeEvent


@admin.register(ReceivingAccount)
class ReceivingAccountAdmin(admin.ModelAdmin):
    list_display = ["bank_name", "bank_bin", "account_number", "account_name", "is_active"]


@admin.register(BankTransferNotification)
class BankTransferNotificationAdmin(admin.ModelAdmin):
    list_display = [
        "transaction_id",
        "amount",
        "memo",
        "order",
        "result",
        "reviewed",
        "received_at",
    ]
    list_filter = ["result", "reviewed"]
    readonly_fields = ["transaction_id", "amount", "memo", "order", "result", "reason", "payload"]

    def has_add_permission(self, request):
        return False  # only the bank's webhook records them (every field is read-only here)


@admin.register(StripeCheckout)
class StripeCheckoutAdmin(admin.ModelAdmin):
    """Card payment attempts: a record to read, never to edit (payment/cards.py keeps it)."""

    list_display = [
        "payment_intent_id",
        "order_number",
        "amount",
        "status",
        "order",
        "refund_id",
        "created_at",
        "closed_at",
    ]
    list_filter = ["status"]
    search_fields = ["payment_intent_id", "order_number", "refund_id"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.register(StripeEvent)
