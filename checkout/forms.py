"""The one-page checkout form: a Vietnamese delivery address, notes and how to pay."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403
from phonenumber_field.formfields import PhoneNumberField

from order.models import PaymentMethod
from payment import methods
from regions.forms import CommuneField, ProvinceField, RegionFormMixin


class VietnamesePhoneField(PhoneNumberField):
    default_error_messages = {
        "not_vietnamese": _("Enter a Vietnamese phone number, e.g. 0912 345 678.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("region", "VN")
        super().__init__(**kwargs)
        self.error_messages["invalid"] = self.error_messages["not_vietnamese"]

    def clean(self, value):
        number = super().clean(value)
        if number and phonenumbers.region_code_for_number(number) != "VN":
            raise forms.ValidationError(
                self.error_messages["not_vietnamese"], code="not_vietnamese"
            )
        return number


# What the browser may fill in for each field (WHATWG autofill names), on a phone a tap each.
AUTOCOMPLETE = {
    "email": "email",
    "name": "shipping name",
    "phone": "shipping tel",
    "street": "shipping address-line1",
    "province_code": "shipping address-level1",
    "commune_code": "shipping address-level2",
}


class MarksErrors:
    """Fields with errors say so to the eye (Bootstrap's red `is-invalid`) and to screen readers
    (`aria-invalid`, and `aria-describedby` naming the message the template shows beside them:
    id ``<field id>-error``)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{self[name].auto_id}-error"
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class CheckoutForm(MarksErrors, RegionFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"), help_text=_("We send the order confirmation here.")
    )
    name = forms.CharField(label=_("Recipient"), max_length=255)
    phone = VietnamesePhoneField(label=_("Phone number"))
    street = forms.CharField(label=_("House number and street"), max_length=255)
    province_code = ProvinceField()
    commune_code = CommuneField()
    notes = forms.CharField(
        label=_("Order notes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a delivery time that suits you."),
    )
    payment_method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(PaymentMethod.COD.value, PaymentMethod.COD.label)]
        if methods.bank_transfer_enabled():
            choices.append((PaymentMethod.BANK_TRANSFER.value, PaymentMethod.BANK_TRANSFER.label))
        if methods.card_enabled():
            choices.append((PaymentMethod.CARD.value, PaymentMethod.CARD.label))
        self.fields["payment_method"].choices = choices
        self.fields["payment_method"].initial = PaymentMethod.COD.value
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-control")
            if name in AUTOCOMPLETE:
                field.widget.attrs["autocomplete"] = AUTOCOMPLETE[name]
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        self.fields["email"].widget.input_type = "email"
        if user is not None and user.is_authenticated:
            self.fields["email"].required = False
            self.fields["email"].widget = forms.HiddenInput()
