"""Oscar's customer forms, and registration by e-mail address alone (see registration.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import *  # noqa: F403
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.utils import normalise_email


class RegistrationForm(forms.Form):
    """An e-mail address: the link we send there sets the password, so the answer is the same
    whether or not the address already has an account."""

    email = forms.EmailField(label=_("Email address"))
    redirect_url = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, host=None, **kwargs):
        self.host = host
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    clean_redirect_url = EmailUserCreationForm.clean_redirect_url
