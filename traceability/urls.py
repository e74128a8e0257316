"""The printed codes' URLs: outside any language prefix, before Wagtail's catch-all, never changed."""

from django.urls import path, re_path

from lib.http import reads_any_text

from . import epcis_views, views

app_name = "traceability"

urlpatterns = [
    path("t/report/", views.report, name="report"),
    path("t/locate/", views.locate, name="locate"),
    # EPCIS 2.0 for machines: the REST query and the ocop: extension vocabulary.
    path("epcis/events", epcis_views.events, name="epcis-events"),
    path("ns/traceability", epcis_views.namespace, name="ocop-namespace"),
    # Everything under /t/ and /01/ is ours, so a malformed code gets the counterfeit page.
    re_path(r"^t/(?P<code>.*)$", reads_any_text(views.short_code), name="short-code"),
    re_path(r"^01/(?P<rest>.*)$", reads_any_text(views.digital_link), name="digital-link"),
]
