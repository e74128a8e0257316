"""Oscar's account views, with registration that answers the same for every address."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views
from oscar.apps.customer.signals import user_registered
from oscar.apps.customer.views import *  # noqa: F403
from oscar.core.loading import get_model

from .forms import RegistrationForm
from .registration import account_of, new_account, read_token, send_registration_email

Order = get_model("order", "Order")
SENT_EMAIL = "registration_sent_to"


class SendsRegistrationLink:
    def send_registration_link(self, form):
        email = form.cleaned_data["email"]
        send_registration_email(email, form.cleaned_data["redirect_url"])
        self.request.session[SENT_EMAIL] = email
        return redirect("customer:register-sent")


class AccountRegistrationView(SendsRegistrationLink, views.AccountRegistrationView):
    form_class = RegistrationForm

    def form_valid(self, form):
        return self.send_registration_link(form)


class AccountAuthView(SendsRegistrationLink, views.AccountAuthView):
    registration_form_class = RegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return self.send_registration_link(form)
        return self.render_to_response(self.get_context_data(registration_form=form))


class RegistrationSentView(generic.TemplateView):
    """The same page for every address: what happens next is in the message we sent."""

    template_name = "oscar/customer/registration_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(email=self.request.session.get(SENT_EMAIL, ""), **kwargs)


class RegistrationConfirmView(views.RegisterUserMixin, generic.FormView):
    """The link in the message: choose a password, and the account exists and is signed in."""

    template_name = "oscar/customer/registration_confirm.html"
    form_class = SetPasswordForm

    def dispatch(self, request, *args, **kwargs):
        self.registration = read_token(kwargs["token"])
        if self.registration is None or account_of(self.registration["email"]) is not None:
            # Expired, forged or already used: nothing to set here.
            return self.render_to_response(self.get_context_data(form=None), status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": new_account(self.registration["email"])}

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def form_valid(self, form):
        with transaction.atomic():
            if account_of(self.registration["email"]) is not None:  # the link used twice at once
                return self.render_to_response(self.get_context_data(form=None), status=400)
            user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        auth_login(self.request, user, backend="oscar.apps.customer.auth_backends.EmailBackend")
        next_url = self.registration.get("next") or settings.LOGIN_REDIRECT_URL
        if not url_has_allowed_host_and_scheme(next_url, self.request.get_host()):
            next_url = settings.LOGIN_REDIRECT_URL
        return redirect(next_url)


class OrderLineView(views.OrderLineView):
    """A line of one's own order; an unknown action goes back to the order instead of
    rendering a line page Oscar has no template for."""

    def get_object(self, queryset=None):
        order = get_object_or_404(Order, user=self.request.user, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        self.get_object()  # someone else's order or line stays a 404
        return redirect("customer:order", self.kwargs["order_number"])

    def post(self, request, *args, **kwargs):
        action = str(request.POST.get("action", "")).lower()
        if not hasattr(self, f"do_{action}"):
            self.get_object()  # someone else's order or line stays a 404
            messages.error(request, _("Invalid form submission"))
            return redirect("customer:order", self.kwargs["order_number"])
        return super().post(request, *args, **kwargs)
