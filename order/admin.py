from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403

from .models import Shipment


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["order", "partner", "status", "shipping_charge", "tracking_number"]
    list_filter = ["status"]
