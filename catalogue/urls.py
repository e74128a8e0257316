from django.urls import path

from . import dashboard_views

app_name = "ocop"

urlpatterns = [
    path("ratings/", dashboard_views.ratings, name="ratings"),
    path("expiring/", dashboard_views.expiring_certificates, name="expiring"),
    path("products/<int:product_pk>/rating/", dashboard_views.edit_rating, name="rating"),
]
