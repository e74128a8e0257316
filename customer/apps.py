import oscar.apps.customer.apps as apps
from django.urls import path


def use_local_name_order() -> None:
    """Every `user.get_full_name()` (pages, e-mails, exports, Oscar's own templates) puts the
    family name first in Vietnamese: one rule, in lib.names, instead of a helper per call site."""
    from django.contrib.auth import get_user_model

    from lib.names import full_name

    get_user_model().get_full_name = lambda user: full_name(user.first_name, user.last_name)


class CustomerConfig(apps.CustomerConfig):
    name = "customer"

    def ready(self):
        super().ready()
        from . import views

        self.registration_sent_view = views.RegistrationSentView
        self.registration_confirm_view = views.RegistrationConfirmView
        use_local_name_order()

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
