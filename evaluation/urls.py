"""The evaluation cycle: the public verification page, and the dashboard pages behind login."""

from django.urls import path

from . import views, views_certificates, views_council

app_name = "evaluation"

D = "dashboard/evaluation/"

urlpatterns = [
    path("ocop/certificates/<path:number>/", views_certificates.verify, name="verify"),
    path(f"{D}", views.dossier_list, name="dossiers"),
    path(f"{D}new/", views.dossier_create, name="dossier_create"),
    path(f"{D}<int:pk>/", views.dossier_detail, name="dossier"),
    path(f"{D}<int:pk>/edit/", views.dossier_edit, name="dossier_edit"),
    path(f"{D}<int:pk>/documents/", views.document_upload, name="document_upload"),
    path(
        f"{D}<int:pk>/documents/<int:document_pk>/",
        views.document_download,
        name="document",
    ),
    path(f"{D}<int:pk>/self-assessment/", views.self_assessment, name="self_assessment"),
    path(f"{D}<int:pk>/commune-check/", views.commune_check, name="commune_check"),
    path(f"{D}<int:pk>/<str:name>/", views.dossier_move, name="move"),
    path(f"{D}sessions/", views_council.session_list, name="sessions"),
    path(f"{D}sessions/new/", views_council.session_create, name="session_create"),
    path(f"{D}sessions/<int:pk>/", views_council.session_detail, name="session"),
    path(f"{D}sessions/<int:pk>/seats/", views_council.seat_add, name="seat_add"),
    path(
        f"{D}sessions/<int:pk>/seats/<int:seat_pk>/remove/",
        views_council.seat_remove,
        name="seat_remove",
    ),
    path(
        f"{D}sessions/<int:pk>/attendance/",
        views_council.session_attendance,
        name="attendance",
    ),
    path(f"{D}sessions/<int:pk>/agenda/", views_council.session_schedule, name="schedule"),
    path(f"{D}sessions/<int:pk>/decide/", views_council.decide, name="decide"),
    path(f"{D}sessions/<int:pk>/<int:dossier_pk>/score/", views_council.score, name="score"),
    path(
        f"{D}sessions/<int:pk>/<int:dossier_pk>/finalise/",
        views_council.finalise,
        name="finalise",
    ),
    path(f"{D}sessions/<int:pk>/<int:dossier_pk>/rescore/", views_council.rescore, name="rescore"),
    path(f"{D}cycle/", views_certificates.cycle, name="cycle"),
    path(f"{D}certificates/<str:number>/pdf/", views_certificates.certificate_pdf, name="pdf"),
    path(f"{D}certificates/<str:number>/renew/", views_certificates.renew, name="renew"),
    path(f"{D}certificates/<str:number>/revoke/", views_certificates.revoke, name="revoke"),
]
