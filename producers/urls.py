from django.urls import path

from . import views

app_name = "producers"

urlpatterns = [
    path("", views.ProducerListView.as_view(), name="list"),
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("applications/", views.MyApplicationsView.as_view(), name="applications"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("<slug:slug>/", views.ProducerDetailView.as_view(), name="detail"),
]
