from django.urls import path

from . import open_data_views as views

app_name = "open_data"

urlpatterns = [
    path("", views.index, name="index"),
    path("schema.json", views.schema, name="schema"),
    path("products.json", views.products_json, name="products_json"),
    path("products.csv", views.products_csv, name="products_csv"),
]
