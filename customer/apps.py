import oscar.apps.customer.apps as apps
from django.urls import path


class CustomerConfig(apps.CustomerConfig):
    name = "customer"

    def ready(self):
        super().ready()
        from . import views

        self.registration_sent_view = views.RegistrationSentView
        self.registration_confirm_view = views.RegistrationConfirmView

    def get_urls(self):
        return [
            path("register/sent/", self.registration_sent_view.as_view(), name="register-sent"),
            path(
                "register/confirm/<str:token>/",
                self.registration_confirm_view.as_view(),
                name="register-confirm",
            ),
            *super().get_urls(),
        ]
