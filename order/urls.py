from django.urls import path

from . import fulfilment, refunds

app_name = "order-fulfilment"

urlpatterns = [
    path("", fulfilment.shipment_list, name="list"),
    path("<int:pk>/", fulfilment.shipment_detail, name="shipment"),
    path("orders/<str:number>/mark-paid/", fulfilment.mark_paid, name="mark-paid"),
    path("refunds/", refunds.refund_list, name="refunds"),
    path("refunds/<int:pk>/refunded/", refunds.resolve, name="refund-resolve"),
]
