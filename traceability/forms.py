"""Forms: a cooperative's batches, journey events, files and label runs; a shopper's report."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from producers.validators import validate_document, validate_image
from regions.forms import CommuneField, ProvinceField, RegionFormMixin

from . import labels
from .models import Attachment, Batch, CounterfeitReport, JourneyEvent, LabelRun

Product = get_model("catalogue", "Product")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def products_for(user):
    """The products a user may register batches of: staff all, a cooperative its own."""
    products = Product.objects.filter(stockrecords__isnull=False).distinct().order_by("title")
    if user.is_staff:
        return products
    return products.filter(stockrecords__partner__users=user)


class BatchForm(RegionFormMixin, forms.ModelForm):
    province_code = ProvinceField(label=_("Province or city of origin"))
    commune_code = CommuneField(required=False)

    class Meta:
        model = Batch
        fields = [
            "product",
            "lot",
            "produced_on",
            "expires_on",
            "quantity",
            "unit",
            "origin_name",
            "growing_area_code",
            "province_code",
            "commune_code",
            "inputs",
            "notes",
        ]
        widgets = {
            "produced_on": DATE,
            "expires_on": DATE,
            "inputs": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["product"].queryset = products_for(user)
        if self.instance.pk and self.instance.is_published:
            # Printed codes never change: the product and lot are frozen once published.
            for name in ("product", "lot"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        produced, expires = cleaned.get("produced_on"), cleaned.get("expires_on")
        if produced and expires and expires <= produced:
            self.add_error("expires_on", _("The expiry date must come after the production date."))
        product, lot = cleaned.get("product"), cleaned.get("lot")
        if product and lot:
            clash = Batch.objects.filter(product=product, lot=lot).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("lot", _("This product already has a batch with this lot code."))
        return cleaned

    def save(self, commit=True):
        batch = super().save(commit=False)
        if not batch.partner_id:
            stockrecord = batch.product.stockrecords.select_related("partner").first()
            batch.partner = stockrecord.partner
        if not batch.created_by_id:
            batch.created_by = self.user
        if commit:
            batch.save()
        return batch


class EventForm(forms.ModelForm):
    class Meta:
        model = JourneyEvent
        fields = [
            "kind",
            "occurred_at",
            "place",
            "actor",
            "description",
            "description_en",
            "corrects",
        ]
        widgets = {
            "occurred_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, batch: Batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.instance.batch = batch
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        corrections = (
            batch.events.exclude(pk=self.instance.pk) if self.instance.pk else batch.events.all()
        )
        self.fields["corrects"].queryset = corrections.order_by("occurred_at")
        if not batch.is_published:
            # Before publication an event is simply edited; corrections are for after.
            del self.fields["corrects"]

    def clean_occurred_at(self):
        when = self.cleaned_data["occurred_at"]
        if when and when > timezone.now() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("A journey step cannot be in the future."))
        return when


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "title", "file", "event"]

    def __init__(self, *args, batch: Batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.batch = batch
        self.fields["event"].queryset = batch.events.order_by("occurred_at")
        self.fields["event"].required = False
        self.fields["event"].help_text = _("Leave empty for a document of the whole batch.")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            try:
                (
                    validate_image
                    if cleaned.get("kind") == Attachment.Kind.PHOTO
                    else validate_document
                )(upload)
            except forms.ValidationError as exc:
                self.add_error("file", exc)
        return cleaned


class LabelRunForm(forms.ModelForm):
    class Meta:
        model = LabelRun
        fields = ["serialised", "quantity", "columns", "rows"]
        help_texts = {
            "serialised": _(
                "Each label gets its own random serial, so copies of one label can be told apart. "
                "Without it every label carries the batch code."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].min_value = 1
        self.fields["quantity"].max_value = settings.TRACE_MAX_LABELS_PER_RUN
        self.fields["quantity"].widget.attrs.update(min=1, max=settings.TRACE_MAX_LABELS_PER_RUN)
        self.fields["quantity"].initial = 24
        for name, top in (("columns", 8), ("rows", 20)):
            self.fields[name].widget.attrs.update(min=1, max=top)

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if not 1 <= quantity <= settings.TRACE_MAX_LABELS_PER_RUN:
            raise forms.ValidationError(
                _("Between 1 and %(max)s labels a run."),
                params={"max": settings.TRACE_MAX_LABELS_PER_RUN},
            )
        return quantity

    def clean(self):
        cleaned = super().clean()
        columns, rows = cleaned.get("columns"), cleaned.get("rows")
        if columns and rows:
            try:
                labels.Layout(columns=columns, rows=rows).check()
            except ValueError:
                raise forms.ValidationError(
                    _(
                        "With %(columns)s × %(rows)s labels on A4 the codes would be smaller than "
                        "%(min)s mm, too small for a phone to read. Choose fewer columns or rows."
                    ),
                    params={"columns": columns, "rows": rows, "min": labels.MIN_QR_MM},
                ) from None
        return cleaned


class ReportForm(forms.ModelForm):
    # A field people never see: robots fill it in, and their reports are dropped.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    class Meta:
        model = CounterfeitReport
        fields = ["code", "place", "message", "contact"]
        widgets = {"code": forms.HiddenInput, "message": forms.Textarea(attrs={"rows": 3})}
