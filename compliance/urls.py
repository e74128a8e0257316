from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("consents/", views.consents, name="consents"),
    path("data/", views.my_data, name="my_data"),
    path("data/export.json", views.export_json, name="export_json"),
    path("data/export/", views.export_html, name="export_html"),
    path("data/requests/<int:pk>/", views.request_detail, name="request"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/new/<int:line_id>/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("staff/overdue/", views.overdue, name="overdue"),
    path("staff/complaint-figures/", views.complaint_figures, name="complaint_figures"),
]
