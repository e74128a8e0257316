"""The cooperative's forms (pre-check, application, documents) and the reviewers' forms."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from producers.models import LegalForm, ValueChain
from producers.validators import validate_document

from . import eligibility
from .models import ApplicationDocument, LoanApplication

Product = get_model("catalogue", "Product")
MAX_VND = 10**13  # ten thousand billion dong: anything above is a typing mistake


def product_stars(product) -> int:
    """The stars of a product's valid OCOP certificate (catalogue rating or evaluation)."""
    if product is None:
        return 0
    stars = 0
    rating = getattr(product, "ocop_rating", None)
    if rating is not None and rating.is_certified():
        stars = rating.stars
    from evaluation.models import Certificate

    best = (
        Certificate.objects.current()
        .filter(product=product)
        .order_by("-stars")
        .values_list("stars", flat=True)
        .first()
    )
    return max(stars, best or 0)


class PreCheckForm(forms.Form):
    """The programme questions; the cooperative's profile answers what it can in advance."""

    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    years_operating = forms.IntegerField(label=_("Years operating"), min_value=0, max_value=200)
    members = forms.IntegerField(label=_("Number of members"), min_value=0, max_value=1_000_000)
    product = forms.ModelChoiceField(
        label=_("Product concerned"),
        queryset=Product.objects.none(),
        required=False,
        help_text=_("Its OCOP stars count for programmes that ask for them."),
    )
    outstanding_loans = forms.IntegerField(
        label=_("Outstanding loans (VND)"), min_value=0, max_value=MAX_VND, initial=0
    )

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.producer = producer
        self.fields["product"].queryset = producer.products().select_related("ocop_rating")
        self.fields["legal_form"].initial = producer.legal_form
        if producer.founded:
            self.fields["years_operating"].initial = max(
                0, timezone.localdate().year - producer.founded
            )
        self.fields["members"].initial = producer.members

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "legal_form": data["legal_form"],
            "years_operating": data["years_operating"],
            "members": data["members"],
            "ocop_stars": product_stars(data.get("product")),
            "outstanding_loans": data["outstanding_loans"],
        }


class ApplicationForm(forms.ModelForm):
    """Amount, term, what it is for and which product; one file field per document needed.

    Saving a draft needs sane figures; submitting also needs every document and both
    declarations, and checks the programme's rules again.
    """

    class Meta:
        model = LoanApplication
        fields = [
            "amount",
            "term_months",
            "purpose",
            "use_of_funds",
            "product",
            "value_chain",
            "dossier",
            "certificate",
            "declares_true",
            "consents_to_share",
        ]
        widgets = {"use_of_funds": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, programme, producer, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.producer, self.submitting = programme, producer, submitting
        self.fields["amount"].min_value = 1
        self.fields["amount"].help_text = _("At most %(max)s.") % {
            "max": currency(programme.max_amount, "VND")
        }
        self.fields["term_months"].help_text = _("At most %(months)s months.") % {
            "months": programme.max_term_months
        }
        self.fields["purpose"].initial = programme.purpose
        self.fields["product"].queryset = producer.products()
        self.fields["value_chain"].queryset = ValueChain.objects.filter(producers=producer)
        self.fields["dossier"].queryset = producer.ocop_dossiers.all()
        self.fields["certificate"].queryset = producer.ocop_certificates.all()
        have = (
            set(self.instance.documents.values_list("kind", flat=True))
            if self.instance.pk
            else set()
        )
        self.document_fields = []
        for kind, label in programme.document_kinds():
            name = f"document_{kind}"
            self.fields[name] = forms.FileField(
                label=label,
                required=False,
                validators=[validate_document],
                help_text=_("Already uploaded; choose a file to add another.")
                if kind in have
                else "",
            )
            self.document_fields.append((name, kind, kind in have))

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount > self.programme.max_amount:
            raise forms.ValidationError(
                _("This programme lends at most %(max)s; you asked for %(amount)s."),
                code="above_maximum",
                params={
                    "max": currency(self.programme.max_amount, "VND"),
                    "amount": currency(amount, "VND"),
                },
            )
        if amount < self.programme.min_amount:
            raise forms.ValidationError(
                _("This programme lends at least %(min)s."),
                code="below_minimum",
                params={"min": currency(self.programme.min_amount, "VND")},
            )
        return amount

    def clean_term_months(self):
        term = self.cleaned_data["term_months"]
        if not 1 <= term <= self.programme.max_term_months:
            raise forms.ValidationError(
                _("The term is between 1 and %(months)s months for this programme."),
                code="term",
                params={"months": self.programme.max_term_months},
            )
        return term

    def clean(self):
        data = super().clean()
        if not self.submitting:
            return data
        for name, _kind, already in self.document_fields:
            if not already and not data.get(name) and name not in self.errors:
                self.add_error(name, _("This programme requires this document."))
        for name in ("declares_true", "consents_to_share"):
            if not data.get(name):
                self.add_error(name, _("Tick this declaration to submit."))
        return data

    def save(self, commit=True):
        product = self.cleaned_data.get("product")
        self.instance.ocop_rating = getattr(product, "ocop_rating", None) if product else None
        return super().save(commit)

    def uploads(self) -> list[tuple[str, object]]:
        return [
            (kind, self.cleaned_data[name])
            for name, kind, _already in self.document_fields
            if self.cleaned_data.get(name)
        ]


class DocumentForm(forms.ModelForm):
    """One more document, for a draft or when the fund asks for more."""

    class Meta:
        model = ApplicationDocument
        fields = ["kind", "file"]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(forms.Form):
    approved_amount = forms.IntegerField(
        label=_("Approved amount (VND)"), min_value=1, max_value=MAX_VND
    )
    approved_rate = forms.DecimalField(
        label=_("Approved rate (% a year)"), min_value=0, max_value=100, decimal_places=2
    )
    approved_term_months = forms.IntegerField(
        label=_("Approved term (months)"), min_value=1, max_value=240
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        programme = application.programme
        self.fields["approved_amount"].initial = application.amount
        self.fields["approved_rate"].initial = programme.interest_rate
        self.fields["approved_term_months"].initial = application.term_months

    def clean_approved_amount(self):
        amount = self.cleaned_data["approved_amount"]
        maximum = self.application.programme.max_amount
        if amount > maximum:
            raise forms.ValidationError(
                _("This programme lends at most %(max)s."),
                code="above_maximum",
                params={"max": currency(maximum, "VND")},
            )
        return amount

    def clean_approved_term_months(self):
        term = self.cleaned_data["approved_term_months"]
        if term > self.application.programme.max_term_months:
            raise forms.ValidationError(
                _("The term is between 1 and %(months)s months for this programme."),
                code="term",
                params={"months": self.application.programme.max_term_months},
            )
        return term


class DeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Reason for declining"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MoreDocumentsForm(forms.Form):
    documents_requested = forms.CharField(
        label=_("Documents requested"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DisburseForm(forms.Form):
    disbursed_at = forms.DateField(
        label=_("Disbursed on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_disbursed_at(self):
        day = self.cleaned_data["disbursed_at"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of disbursement cannot be in the future."))
        return day


#: The reviewer's forms, by the state they move an application to.
STEP_FORMS = {
    LoanApplication.Status.UNDER_REVIEW: None,
    LoanApplication.Status.MORE_DOCUMENTS: MoreDocumentsForm,
    LoanApplication.Status.APPROVED: ApproveForm,
    LoanApplication.Status.DECLINED: DeclineForm,
    LoanApplication.Status.DISBURSED: DisburseForm,
}


def eligibility_results(programmes, answers: dict, province_code: str) -> list[tuple]:
    """(programme, outcome) for each programme, eligible ones first."""
    results = [(p, eligibility.check(p, answers, province_code)) for p in programmes]
    return sorted(results, key=lambda pair: not pair[1].eligible)
