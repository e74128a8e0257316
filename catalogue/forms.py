"""Forms for recording a product's OCOP rating: the Django admin's and the dashboard's.

The rules in force (`rating_rules.current_rules()`) give the part maxima, the star bands,
the authority per star rating and the certificate's validity; the checks that hold for
every rating live in `OcopRating.clean()`, these forms only add what concerns input.
"""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from producers.validators import MAX_UPLOAD_BYTES, validate_document

from .rating_rules import current_rules

OcopRating = get_model("catalogue", "OcopRating")

RATING_FIELDS = [
    "score_a",
    "score_b",
    "score_c",
    "score",
    "authority",
    "authority_name",
    "decision_number",
    "certificate_number",
    "issued_on",
    "expires_on",
    "certificate_scan",
    "revoked",
]


class OcopRatingForm(forms.ModelForm):
    """Score parts within the rules' maxima, the total computed when left empty, a real scan."""

    class Meta:
        model = OcopRating
        fields = ["product", *RATING_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rules = current_rules()
        for part in rules.parts:
            field = self.fields.get(f"score_{part.code.lower()}")
            if field is not None:
                field.widget.attrs.update(min=0, max=part.max)
                field.help_text = _("Out of %(max)s.") % {"max": part.max}
        score = self.fields["score"]
        score.required = False
        score.widget.attrs.update(min=0, max=rules.max_score)
        score.help_text = _("Out of %(max)s; the sum of the parts when left empty.") % {
            "max": rules.max_score
        }
        self.fields["expires_on"].help_text = _(
            "%(months)s months after the issue date when left empty, or when only the issue date changes."
        ) % {"months": rules.validity_months}
        self.fields["authority"].help_text = _("Follows the stars when left empty.")
        scan = self.fields["certificate_scan"]
        scan.validators.append(validate_document)
        scan.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        scan.help_text = _("A PDF, JPEG or PNG file of at most %(limit)s.") % {
            "limit": filesizeformat(MAX_UPLOAD_BYTES)
        }

    def clean(self):
        data = super().clean()
        parts = [data.get(name) for name in ("score_a", "score_b", "score_c")]
        if data.get("score") is None and "score" not in self.errors:
            if None in parts:
                self.add_error("score", _("Enter the total score, or all three parts."))
            else:
                data["score"] = sum(parts)
        # A renewed certificate: a new issue date with the old expiry kept would look valid
        # for the old term, so the expiry follows the issue date unless it was changed too.
        if (
            self.instance.pk
            and "issued_on" in self.changed_data
            and "expires_on" not in self.changed_data
            and data.get("issued_on")
        ):
            data["expires_on"] = None
        return data


class OcopRatingDashboardForm(OcopRatingForm):
    """The dashboard's form: the product comes from the URL, and the stars on the authority's
    decision may be entered to be checked against the score."""

    stars = forms.TypedChoiceField(
        label=_("Stars on the decision"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Optional: the stars are always set from the score; entered here, they are checked against it."
        ),
    )

    class Meta(OcopRatingForm.Meta):
        fields = RATING_FIELDS
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    field_order = ["score_a", "score_b", "score_c", "score", "stars"]
    # What an authority's decision always gives: the three parts, who decided, its number and
    # date. The total, stars, expiry and authority level follow from them.
    required = ("score_a", "score_b", "score_c", "authority_name", "decision_number", "issued_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required:
            self.fields[name].required = True
        rules = current_rules()
        self.fields["stars"].choices = [("", _("From the score"))] + [
            (stars, f"{stars}★") for stars in sorted({stars for _min, stars in rules.bands})
        ]

    def clean(self):
        data = super().clean()
        stars, score = data.get("stars"), data.get("score")
        rules = current_rules()
        if stars is not None and score is not None and 0 <= score <= rules.max_score:
            expected = rules.stars_for(score)
            if stars != expected:
                self.add_error(
                    "stars",
                    _(
                        "A score of %(score)s earns %(expected)s★ under the rules in force, not %(stars)s★: check the score or the stars."
                    )
                    % {"score": score, "expected": expected, "stars": stars},
                )
        return data
