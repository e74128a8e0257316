from django.urls import path, re_path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.printable, name="report"),
    re_path(r"^export/(?P<key>[a-z_]+)\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
