"""Search's dashboard pages, mounted at /dashboard/search/ (staff only)."""

from django.urls import path

from . import dashboard_views

app_name = "search-dashboard"

urlpatterns = [
    path("synonyms/", dashboard_views.synonym_list, name="synonyms"),
    path("synonyms/new/", dashboard_views.synonym_edit, name="synonym-new"),
    path("synonyms/<int:pk>/", dashboard_views.synonym_edit, name="synonym-edit"),
    path("synonyms/<int:pk>/delete/", dashboard_views.synonym_delete, name="synonym-delete"),
    path("queries/", dashboard_views.query_report, name="queries"),
]
