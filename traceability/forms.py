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

from . import label_layouts
from .corrections import CORRECTABLE_FIELDS, same
from .corrections import FORM_FIELDS as FORM_FROZEN_FIELDS
from .models import Attachment, Batch, CounterfeitReport, JourneyEvent, LabelRun
from .place_forms import WhereWhoFormMixin
from .serials import FlagReview

Product = get_model("catalogue", "Product")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PUBLISHED_HELP = _("Published: shown on the origin page. Record a correction to change it.")


def check_dates(form: forms.Form, cleaned: dict) -> None:
    produced, expires = cleaned.get("produced_on"), cleaned.get("expires_on")
    if produced and expires and expires <= produced:
        form.add_error("expires_on", _("The expiry date must come after the production date."))


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
        fields = ["product", "lot", *CORRECTABLE_FIELDS, "notes"]
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
            # What the origin page prints is frozen: a change is refused (Batch.clean) and
            # goes through a correction instead. Only the notes stay editable.
            for name in FORM_FROZEN_FIELDS:
                self.fields[name].widget.attrs["readonly"] = True
                self.fields[name].help_text = PUBLISHED_HELP

    def clean(self):
        cleaned = super().clean()
        check_dates(self, cleaned)
        if self.instance.pk and self.instance.is_published:
            # A field posted back as it was (a browser's line ends aside) stays exactly as it was.
            for name in FORM_FROZEN_FIELDS:
                if name in cleaned and same(cleaned[name], getattr(self.instance, name)):
                    cleaned[name] = getattr(self.instance, name)
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


class BatchCorrectionForm(RegionFormMixin, forms.ModelForm):
    """New values for a published batch's printed facts, and why: see Batch.correct."""

    province_code = ProvinceField(label=_("Province or city of origin"))
    commune_code = CommuneField(required=False)
    reason = forms.CharField(
        label=_("Why is it corrected?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the origin page beside the change."),
    )

    class Meta:
        model = Batch
        fields = list(CORRECTABLE_FIELDS)
        widgets = {
            "produced_on": DATE,
            "expires_on": DATE,
            "inputs": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        check_dates(self, cleaned)
        if not self.errors and not self.changes():
            raise forms.ValidationError(_("Nothing was changed."), code="unchanged")
        return cleaned

    def _post_clean(self):
        pass  # the batch is never edited in place: Batch.correct applies and records it

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in CORRECTABLE_FIELDS
            if name in self.cleaned_data
            and not same(self.cleaned_data[name], getattr(self.instance, name))
        }


class FlagReviewForm(forms.Form):
    """A reviewer's decision on a flagged unit code, and why."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FlagReview.Action.CLEARED, _("Clear the flag: the code is genuine")),
            (FlagReview.Action.FLAGGED, _("Flag the code as suspicious")),
        ],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the decision; staff and the cooperative see it."),
    )


class EventForm(WhereWhoFormMixin, forms.ModelForm):
    class Meta:
        model = JourneyEvent
        fields = [
            "kind",
            "occurred_at",
            "location",
            "place",
            "counterparty",
            "actor",
            "description",
            "description_en",
            "corrects",
            "reason",
        ]
        widgets = {
            "occurred_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, batch: Batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.instance.batch = batch
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        # Corrections of the batch's facts are made with the batch, not as journey steps.
        of_batch = JourneyEvent.Kind.CORRECTION
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != of_batch]
        steps = batch.events.exclude(kind=of_batch)
        if self.instance.pk:
            steps = steps.exclude(pk=self.instance.pk)
        self.fields["corrects"].queryset = steps.order_by("occurred_at")
        self.setup_where_who(batch)
        if not batch.is_published:
            # Before publication an event is simply edited; corrections are for after.
            del self.fields["corrects"]
            del self.fields["reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("corrects") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the earlier record is corrected."))
        self.clean_where_who(cleaned)
        return cleaned

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
    """How many labels, in which layout (data/label_layouts.json), on stickers or plain paper."""

    layout = forms.ChoiceField(
        label=_("Label layout"),
        widget=forms.RadioSelect,
        required=False,  # a client that leaves it out gets the default sheet
        error_messages={"invalid_choice": _("Choose one of the label layouts listed.")},
    )

    class Meta:
        model = LabelRun
        fields = ["layout", "serialised", "quantity", "plain_paper", "scale_note"]
        help_texts = {
            "serialised": _(
                "Each label gets its own random serial, so copies of one label can be told apart. "
                "Without it every label carries the batch code."
            ),
            "plain_paper": _(
                "For printing on ordinary A4 paper and cutting by hand: cut marks at the corners "
                "of the labels. Sheets only, not thermal rolls."
            ),
            "scale_note": _(
                "Adds a page before the labels that asks to print at 100 % (no “fit to page”), "
                "with a ruler to measure that the printer kept the size."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.layouts = label_layouts.layouts()
        self.fields["layout"].choices = [
            (key, " – ".join(filter(None, (label_layouts.describe(layout), layout.examples))))
            for key, layout in self.layouts.items()
        ]
        self.fields["layout"].initial = label_layouts.DEFAULT
        self.fields["quantity"].min_value = 1
        self.fields["quantity"].max_value = settings.TRACE_MAX_LABELS_PER_RUN
        self.fields["quantity"].widget.attrs.update(min=1, max=settings.TRACE_MAX_LABELS_PER_RUN)
        self.fields["quantity"].initial = 24

    def clean_layout(self):
        return self.cleaned_data["layout"] or label_layouts.DEFAULT

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
        layout = self.layouts.get(cleaned.get("layout", ""))
        if layout and layout.is_roll and cleaned.get("plain_paper"):
            self.add_error(
                "plain_paper",
                _(
                    "A thermal roll prints one label a page on die-cut labels: it has nothing "
                    "to cut. Choose an A4 sheet for plain paper."
                ),
            )
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty report helps nobody: what looked wrong is the one thing staff need.
        message = self.fields["message"]
        message.required = True
        message.error_messages["required"] = _("Tell us what looked wrong with the product.")
