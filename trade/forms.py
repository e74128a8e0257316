"""The board's forms: a buyer's organisation and requests, a cooperative's quotes, messages."""

from __future__ import annotations

import datetime

from babel import Locale
from django import forms
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.versions import CATALOGUE_VERSION
from checkout.forms import VietnamesePhoneField
from payment.terms import TERMS_CHOICES
from producers.models import Certification
from regions.forms import CommuneField, ProvinceField, RegionFormMixin

from .models import Organisation, Quote, SourcingRequest
from .rules import rule

Category = get_model("catalogue", "Category")
MAX_VND = 10**12  # a thousand billion dong: no OCOP unit price or target comes near

STAR_CHOICES = [(0, _("Any"))] + [(n, f"{n}★") for n in range(3, 6)]


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166 countries other than Vietnam, named in the visitor's language (CLDR via Babel)."""
    language = (translation.get_language() or "vi")[:2]
    names = Locale.parse(language).territories
    countries = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    countries = [c for c in countries if c[0] not in ("VN", "ZZ", "EU", "UN", "EZ", "QO")]
    return [("", _("Choose a country"))] + sorted(countries, key=lambda c: c[1])


def category_choices():
    """The OCOP taxonomy as indented options, cached per language under the catalogue version."""
    language = (translation.get_language() or "vi")[:2]
    key = f"trade:category-choices:{language}:{CATALOGUE_VERSION.current()}"
    choices = cache.get(key)
    if choices is None:
        categories = Category.objects.filter(depth__lte=3).order_by("path")
        choices = [
            (c.pk, f"{'— ' * (c.depth - 1)}{c.get_name()}")
            for c in categories.only("pk", "name", "name_en", "depth", "path")
        ]
        cache.set(key, choices, 3600)
    return [("", _("Choose a sector or group")), *choices]


class OrganisationForm(forms.ModelForm):
    contact_phone = VietnamesePhoneField(label=_("Contact phone"))
    province_code = ProvinceField(required=False)
    country = forms.ChoiceField(label=_("Country"), initial="VN")

    class Meta:
        model = Organisation
        fields = [
            "name", "tax_code", "kind", "province_code", "country",
            "contact_name", "contact_email", "contact_phone",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("VN", _("Vietnam")), *country_choices()[1:]]

    def clean_tax_code(self):
        code = self.cleaned_data["tax_code"].replace(" ", "").replace("-", "")
        # Vietnamese tax codes: 10 digits, or 13 for a branch (10 + 3).
        if self.cleaned_data.get("country", "VN") == "VN" and not (
            code.isdigit() and len(code) in (10, 13)
        ):
            raise forms.ValidationError(_("A Vietnamese tax code has 10 or 13 digits."))
        return code

    def clean_contact_phone(self):
        return str(self.cleaned_data["contact_phone"])

    def clean(self):
        data = super().clean()
        if data.get("country") == "VN" and not data.get("province_code"):
            self.add_error("province_code", _("Choose the province of a Vietnamese buyer."))
        return data


class RequestForm(forms.ModelForm):
    category = forms.TypedChoiceField(label=_("Product sector or group (OCOP)"), coerce=int)
    delivery_province_code = ProvinceField(label=_("Delivery province"), required=False)
    export_country = forms.ChoiceField(label=_("Export country"), required=False)
    certifications = forms.MultipleChoiceField(
        label=_("Required certifications"),
        choices=Certification.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_stars = forms.TypedChoiceField(
        label=_("Minimum OCOP stars"), choices=STAR_CHOICES, coerce=int, initial=0
    )
    needed_by = forms.DateField(
        label=_("Needed by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    target_price = forms.IntegerField(
        label=_("Target unit price (VND)"), required=False, min_value=1, max_value=MAX_VND
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=10**9)

    class Meta:
        model = SourcingRequest
        fields = [
            "title", "category", "description", "quantity", "unit", "target_price",
            "delivery_province_code", "export_country", "incoterm", "certifications",
            "min_stars", "needed_by", "expiry_days", "quote_cap", "attachment",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["export_country"].choices = country_choices()
        low, high = rule("expiry_days_min"), rule("expiry_days_max")
        self.fields["expiry_days"] = forms.IntegerField(
            label=_("Open for (days)"), min_value=low, max_value=high,
            initial=rule("expiry_days_default"),
            help_text=_("Between %(low)s and %(high)s days.") % {"low": low, "high": high},
        )  # fmt: skip
        self.fields["quote_cap"] = forms.IntegerField(
            label=_("Close after this many quotes"), min_value=1,
            max_value=rule("quote_cap_max"), initial=rule("quote_cap_default"),
        )  # fmt: skip
        if self.instance.pk:
            self.initial["certifications"] = self.instance.certification_list
            self.initial["category"] = self.instance.category_id

    def clean_category(self):
        pk = self.cleaned_data["category"]
        category = Category.objects.filter(pk=pk).first()
        if category is None:
            raise forms.ValidationError(_("Choose a sector or group from the list."))
        return category

    def clean_needed_by(self):
        day = self.cleaned_data.get("needed_by")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("The date needed cannot be in the past."))
        return day

    def clean(self):
        data = super().clean()
        province, country = data.get("delivery_province_code"), data.get("export_country")
        if bool(province) == bool(country):
            self.add_error(
                "delivery_province_code",
                _("Give either a delivery province in Vietnam or an export country."),
            )
        if country and not data.get("incoterm"):
            self.add_error("incoterm", _("Choose an incoterm for an export request."))
        if province:
            data["incoterm"] = ""
        return data

    def save(self, commit=True):
        self.instance.certification_list = self.cleaned_data.get("certifications") or []
        return super().save(commit)


class QuoteForm(forms.ModelForm):
    unit_price = forms.IntegerField(label=_("Unit price (VND)"), min_value=1, max_value=MAX_VND)
    moq = forms.IntegerField(label=_("Minimum order quantity"), min_value=1, max_value=10**9)
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0, max_value=365)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    payment_terms_days = forms.TypedChoiceField(
        label=_("Payment"),
        choices=TERMS_CHOICES,
        coerce=int,
        required=False,
        empty_value=0,
        initial=0,
        help_text=_("On terms, the buyer pays within that many days of the order."),
    )

    class Meta:
        model = Quote
        fields = [
            "product", "unit_price", "moq", "lead_time_days", "valid_until",
            "delivery_terms", "payment_terms_days", "sample_offer", "attachment",
        ]  # fmt: skip
        widgets = {"delivery_terms": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, producer, rfq, **kwargs):
        super().__init__(*args, **kwargs)
        self.rfq = rfq
        self.fields["product"].queryset = producer.products().order_by("title")
        self.fields["product"].label = _("Product offered")
        self.fields["product"].required = True
        if not self.instance.pk:
            self.initial.setdefault(
                "valid_until", timezone.localdate() + datetime.timedelta(days=30)
            )
            if rfq.product_id:
                self.initial.setdefault("product", rfq.product_id)

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("A quote must be valid today or later."))
        return day

    def clean_moq(self):
        moq = self.cleaned_data["moq"]
        if moq > self.rfq.quantity:
            raise forms.ValidationError(
                _("The minimum order is above the quantity asked for (%(n)s).")
                % {"n": self.rfq.quantity}
            )
        return moq


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AcceptForm(RegionFormMixin, forms.Form):
    """Where the wholesale order is delivered; it is paid by bank transfer (VietQR) or on the
    quote's terms."""

    name = forms.CharField(label=_("Recipient"), max_length=255)
    phone = VietnamesePhoneField(label=_("Phone number"))
    street = forms.CharField(label=_("House number and street"), max_length=255)
    province_code = ProvinceField()
    commune_code = CommuneField()
    notes = forms.CharField(
        label=_("Order notes"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class BoardFilterForm(forms.Form):
    sector = forms.TypedChoiceField(label=_("Sector or group"), required=False, coerce=int)
    province = ProvinceField(label=_("Delivery province"), required=False)
    certification = forms.ChoiceField(label=_("Certification"), required=False)
    stars = forms.TypedChoiceField(
        label=_("My products' OCOP stars"), choices=STAR_CHOICES, coerce=int, required=False
    )
    min_quantity = forms.IntegerField(
        label=_("Quantity from"), min_value=0, max_value=10**9, required=False
    )
    max_quantity = forms.IntegerField(
        label=_("Quantity up to"), min_value=0, max_value=10**9, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = category_choices()
        self.fields["certification"].choices = [("", _("Any"))] + list(Certification.Kind.choices)

    def filter(self, requests):
        if not self.is_valid():
            return requests
        data = self.cleaned_data
        if data.get("sector"):
            category = Category.objects.filter(pk=data["sector"]).only("path").first()
            if category is not None:
                requests = requests.filter(category__path__startswith=category.path)
        if data.get("province"):
            requests = requests.filter(delivery_province_code=data["province"])
        if data.get("certification"):
            requests = requests.filter(certifications__contains=f"|{data['certification']}|")
        if data.get("stars"):
            requests = requests.filter(min_stars__lte=data["stars"])
        if data.get("min_quantity") is not None:
            requests = requests.filter(quantity__gte=data["min_quantity"])
        if data.get("max_quantity") is not None:
            requests = requests.filter(quantity__lte=data["max_quantity"])
        return requests
