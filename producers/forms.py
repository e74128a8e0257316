"""Forms for applying, editing a profile, staff decisions, invitations and enquiries."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from lib.html import html_to_text, text_to_html
from lib.images import ImageField
from regions.forms import CommuneField, ProvinceField, RegionFormMixin

from .models import Certification, Producer, ProducerPhoto, ValueChain

Category = get_model("catalogue", "Category")

PHONE_ERROR = _("Enter a valid Vietnamese phone number, e.g. 0912 345 678 or 024 3825 1234.")
validate_tax_code = RegexValidator(
    r"^\d{10}(-\d{3})?$",
    _("A tax code has 10 digits, or 10 digits, a hyphen and 3 more for a branch."),
)


class ProducerForm(RegionFormMixin, forms.ModelForm):
    """The profile fields shared by the application and the cooperative's own edit page."""

    province_code = ProvinceField()
    commune_code = CommuneField()
    story = forms.CharField(
        label=_("Story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Who you are, where you work, how you make your products. Separate paragraphs with a blank line."
        ),
    )
    story_en = forms.CharField(
        label=_("Story (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    value_chains = forms.ModelMultipleChoiceField(
        label=_("Value chains"),
        queryset=ValueChain.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Producer
        fields = [
            "name",
            "short_name",
            "legal_form",
            "registration_number",
            "tax_code",
            "founded",
            "members",
            "representative",
            "phone",
            "email",
            "province_code",
            "commune_code",
            "street",
            "story",
            "story_en",
            "logo",
            "value_chains",
        ]
        field_classes = {"logo": ImageField}  # measured before it is opened

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            self.fields["phone"].error_messages["invalid"] = PHONE_ERROR
        if "tax_code" in self.fields:
            self.fields["tax_code"].validators.append(validate_tax_code)
        for name in ("story", "story_en"):
            if self.instance.pk and name in self.fields:
                self.initial[name] = html_to_text(getattr(self.instance, name))

    def clean_registration_number(self):
        number = " ".join(self.cleaned_data["registration_number"].split()).upper()
        taken = Producer.objects.filter(registration_number__iexact=number).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                Producer._meta.get_field("registration_number").error_messages["unique"],
                code="unique",
            )
        return number

    def clean_story(self):
        return text_to_html(self.cleaned_data["story"])

    def clean_story_en(self):
        return text_to_html(self.cleaned_data["story_en"])


class ApplicationForm(ProducerForm):
    """A cooperative applies: every profile field and its business registration certificate."""

    class Meta(ProducerForm.Meta):
        fields = [*ProducerForm.Meta.fields, "registration_certificate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_certificate"].required = True
        self.fields["registration_certificate"].help_text = _("PDF, JPEG or PNG, at most 10 MB.")


class ProfileForm(ProducerForm):
    """What a cooperative edits itself; its legal identity changes only through staff."""

    class Meta(ProducerForm.Meta):
        fields = [
            f
            for f in ProducerForm.Meta.fields
            if f not in ("name", "legal_form", "registration_number", "tax_code")
        ]


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["kind", "number", "issuer", "expires_on", "document"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


# absolute_max: however many forms a post claims (TOTAL_FORMS), no more are built; Django's
# default (max_num + 1000) lets one post keep a worker busy for seconds.
CertificationFormSet = inlineformset_factory(
    Producer,
    Certification,
    form=CertificationForm,
    extra=2,
    max_num=20,
    absolute_max=20,
    can_delete=True,
)
PhotoFormSet = inlineformset_factory(
    Producer,
    ProducerPhoto,
    fields=["image", "caption", "display_order"],
    field_classes={"image": ImageField},
    extra=2,
    max_num=20,
    absolute_max=20,
    can_delete=True,
)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the applicant by email."),
        max_length=2000,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We e-mail this person an invitation; they join only once they accept it, "
            "signed in with this address."
        ),
    )


class EnquiryForm(forms.Form):
    """A buyer's question to a cooperative; ``website`` is a honeypot left empty by people."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your email address"))
    phone = forms.CharField(label=_("Your phone number"), max_length=30, required=False)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def sector_choices() -> list[tuple[str, str]]:
    return [("", _("All sectors"))] + [
        (str(c.pk), c.get_name()) for c in Category.objects.filter(depth=1).order_by("path")
    ]


class ProducerFilterForm(forms.Form):
    province = ProvinceField(label=_("Province or city"), required=False)
    sector = forms.ChoiceField(label=_("OCOP sector"), required=False)
    certification = forms.ChoiceField(
        label=_("Certification"),
        required=False,
        choices=[("", _("Any certification"))] + list(Certification.Kind.choices),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces"))] + self.fields[
            "province"
        ].choices[1:]
        self.fields["sector"].choices = sector_choices()
