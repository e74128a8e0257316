from django.urls import path

from . import fulfilment

app_name = "order-fulfilment"

urlpatterns = [
    path("", fulfilment.shipment_list, name="list"),
    path("<int:pk>/", fulfilment.shipment_detail, name="shipment"),
    path("orders/<str:number>/mark-paid/", fulfilment.mark_paid, name="mark-paid"),
]
