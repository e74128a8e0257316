"""What a cooperative fills in to apply for a fair booth or a training place; the CMS's
password reset form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm

from lib.urls import base_url, site_protocol

from .models import BoothRegistration, SessionRegistration


class AdminPasswordResetForm(PasswordResetForm):
    """Wagtail's, with the link in its e-mail on SITE_BASE_URL rather than on the request's
    scheme and host (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""

    def save(self, *args, **kwargs):
        kwargs["use_https"] = site_protocol() == "https"
        kwargs["extra_email_context"] = {
            **(kwargs.get("extra_email_context") or {}),
            "base_url": base_url(),  # Wagtail's e-mail template prefers it to protocol://domain
        }
        return super().save(*args, **kwargs)


class BoothRegistrationForm(forms.ModelForm):
    class Meta:
        model = BoothRegistration
        fields = ["products", "contact_name", "contact_phone", "note"]
        widgets = {
            "products": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "products": _("The products your cooperative will show and sell at its booth.")
        }

    def __init__(self, *args, producer=None, **kwargs):
        super().__init__(*args, **kwargs)
        products = self.fields["products"]
        products.queryset = (
            producer.products().order_by("title") if producer else products.queryset.none()
        )
        products.label_from_instance = lambda product: product.get_title()
        products.error_messages["invalid_choice"] = _(
            "Choose among your cooperative's own products."
        )


class SessionRegistrationForm(forms.ModelForm):
    class Meta:
        model = SessionRegistration
        fields = ["participant_name", "participant_role", "phone"]
