from django.contrib import admin
from oscar.apps.shipping.admin import *  # noqa: F403

from .models import CooperativeShipping


@admin.register(CooperativeShipping)
class CooperativeShippingAdmin(admin.ModelAdmin):
    list_display = ["partner", "flat_rate", "free_above"]
    search_fields = ["partner__name"]
