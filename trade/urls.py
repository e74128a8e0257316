from django.urls import path

from . import attachment_views, quote_views, staff_views, views

app_name = "trade"

urlpatterns = [
    path("", views.board, name="board"),
    path("organisation/", views.register_organisation, name="register"),
    path("mine/", views.mine, name="mine"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request-edit"),
    path("requests/<int:pk>/close/", views.request_close, name="request-close"),
    path("requests/<int:pk>/quotes/", views.compare, name="compare"),
    path("requests/<int:pk>/report/", views.request_report, name="request-report"),
    path(
        "requests/<int:pk>/attachment/",
        attachment_views.request_attachment,
        name="request-attachment",
    ),
    path("requests/<int:pk>/quote/", quote_views.quote_new, name="quote-new"),
    path("quotes/<int:pk>/", quote_views.quote_detail, name="quote"),
    path("quotes/<int:pk>/attachment/", attachment_views.quote_attachment, name="quote-attachment"),
    path("quotes/<int:pk>/edit/", quote_views.quote_edit, name="quote-edit"),
    path("quotes/<int:pk>/accept/", quote_views.quote_accept, name="quote-accept"),
    path("quotes/<int:pk>/report/", quote_views.quote_report, name="quote-report"),
    path("quotes/<int:pk>/block/", quote_views.quote_block, name="quote-block"),
    path("cooperative/", quote_views.cooperative, name="cooperative"),
    path("staff/", staff_views.queue, name="staff"),
    path("staff/organisations/", staff_views.organisations, name="staff-organisations"),
    path(
        "staff/organisations/<int:pk>/<str:action>/",
        staff_views.organisation_action,
        name="staff-organisation",
    ),
    path("staff/requests/<int:pk>/<str:action>/", staff_views.request_action, name="staff-request"),
    path("staff/messages/<int:pk>/<str:action>/", staff_views.message_action, name="staff-message"),
    path("staff/reports/<int:pk>/resolve/", staff_views.report_resolve, name="staff-report"),
]
