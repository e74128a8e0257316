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


admin.site.register(StripeCheckout)
admin.site.register(StripeEvent)
