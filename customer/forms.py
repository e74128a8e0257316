"""Oscar's customer forms, and registration by e-mail address alone (see registration.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import *  # noqa: F403
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.utils import normalise_email

from lib.names import full_name


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


class ProfileForm(UserForm):  # noqa: F405 - Oscar's, from the star import above
    """The account's name as Vietnamese write it: family (and middle) name first, then the
    given name, with labels that say which is which (lib.names shows it in the same order)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "first_name" in self.fields and "last_name" in self.fields:
            self.fields["last_name"].label = _("Family and middle name")
            self.fields["first_name"].label = _("Given name")
            self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
            self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
            if full_name("given", "family").startswith("family"):
                self.order_fields(["last_name", "first_name"])
