"""Forms: consents, requests about one's data, complaints and their decisions."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from producers.validators import validate_image

from . import consent
from .models import Complaint, DataRequest
from .models.complaints import REASON_MAX_LENGTH
from .models.requests import DETAILS_MAX_LENGTH


class ConsentForm(forms.Form):
    """One unticked box per purpose unless the user ticked it before (PDP Law, Art. 9)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = consent.latest(user)
        for code in consent.purposes():
            record = current.get(code)
            self.fields[code] = forms.BooleanField(
                label=consent.title(code),
                help_text=consent.text(code),
                required=False,
                initial=bool(record and record.granted),
            )

    def wanted(self) -> set[str]:
        return {code for code, value in self.cleaned_data.items() if value}


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Request"),
        choices=[c for c in DataRequest.Kind.choices if c[0] != DataRequest.Kind.EXPORT],
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a correction: what is wrong and what it should be."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that deleting my account cannot be undone."), required=False
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DataRequest.Kind.DELETION and not data.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm the deletion."))
        if kind == DataRequest.Kind.CORRECTION and not (data.get("details") or "").strip():
            self.add_error("details", _("Say what should be corrected."))
        return data


class ComplaintForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Complaint.Reason.choices)
    description = forms.CharField(
        label=_("What happened"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    wanted = forms.ChoiceField(
        label=_("What you would like"),
        choices=[c for c in Complaint.Outcome.choices if c[0] != Complaint.Outcome.REJECTED],
    )
    quantity = forms.IntegerField(label=_("Quantity concerned"), initial=1)
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        validators=[validate_image],
        help_text=_("A photo of the goods or the parcel (JPEG, PNG or WebP)."),
    )

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].validators += [
            MinValueValidator(1),
            MaxValueValidator(line.quantity),
        ]
        self.fields["quantity"].widget.attrs.update(min=1, max=line.quantity)

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError(_("Describe the problem."))
        return text


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Complaint.Outcome.choices)
    reason = forms.CharField(
        label=_("Reason or message to the buyer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    goods_returned = forms.BooleanField(label=_("The goods came back"), required=False)
    return_carrier = forms.CharField(label=_("Return carrier"), required=False, max_length=100)
    return_tracking = forms.CharField(
        label=_("Return tracking number"), required=False, max_length=100
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Complaint.Outcome.REJECTED
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Give the reason for rejecting the complaint."))
        return data


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Why staff should step in"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
