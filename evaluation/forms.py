"""Forms of the evaluation cycle; the score forms are built from a dossier's frozen sheet."""

from __future__ import annotations

from functools import cache

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Product
from catalogue.taxonomy import read_taxonomy
from lib.i18n import wants_english
from producers.models import Producer
from producers.validators import MAX_UPLOAD_BYTES, validate_document

from . import rubrics
from .models import Dossier, Level, Seat
from .workflow import document_kinds, label

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _document_help() -> str:
    return _("A PDF, JPEG or PNG file of at most %(limit)s.") % {
        "limit": filesizeformat(MAX_UPLOAD_BYTES)
    }


@cache
def _subgroups() -> dict[str, tuple[str, str]]:
    return {
        node.code: (node.name, node.name_en) for node, depth in read_taxonomy().walk() if depth == 3
    }


def set_name(code: str) -> str:
    name, name_en = _subgroups().get(code, ("", ""))
    return (name_en or name) if wants_english() else name


def product_set_choices() -> list[tuple[str, str]]:
    try:
        sets = rubrics.in_force(timezone.localdate()).product_sets
    except LookupError:
        return []
    return [(code, f"{code} {set_name(code)}".strip()) for code in sets]


class DossierForm(forms.ModelForm):
    producer = forms.ModelChoiceField(queryset=Producer.objects.none(), label=_("Producer"))
    product_set = forms.ChoiceField(label=_("Product set"), choices=())

    class Meta:
        model = Dossier
        fields = [
            "producer",
            "product",
            "product_name",
            "product_set",
            "story",
            "women_led",
            "ethnic_minority",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        producers = Producer.objects.editable_by(user).filter(status=Producer.Status.APPROVED)
        self.fields["producer"].queryset = producers
        if self.instance.pk:
            self.fields["producer"].disabled = True
        elif producers.count() == 1:
            self.fields["producer"].initial = producers.first()
        self.fields["product"].queryset = Product.objects.filter(producer__in=producers)
        self.fields["product"].required = False
        self.fields["product_name"].required = False
        self.fields["product_name"].help_text = _("The product's name when it is not in the shop.")
        self.fields["product_set"].choices = product_set_choices()

    def clean(self):
        data = super().clean()
        product = data.get("product")
        producer = data.get("producer") or (
            self.instance.producer if self.instance.producer_id else None
        )
        if product is not None and producer is not None and product.producer_id != producer.pk:
            self.add_error("product", _("Choose one of this producer's products."))
        if not data.get("product_name"):
            if product is not None:
                data["product_name"] = product.title
            elif "product" not in self.errors:
                self.add_error("product_name", _("Choose a product or enter its name."))
        return data

    def save(self, commit=True):
        dossier = super().save(commit=False)
        if not dossier.pk:
            dossier.province_code = dossier.producer.province_code
            dossier.commune_code = dossier.producer.commune_code
            dossier.year = timezone.localdate().year
        if commit:
            dossier.save()
        return dossier


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(label=_("File"), validators=[validate_document])

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind["code"], label(kind) + (" *" if kind["required"] else ""))
            for kind in document_kinds(dossier)
        ]
        self.fields["file"].help_text = _document_help()
        self.fields["file"].widget.attrs["accept"] = ACCEPT


def _level_label(levels: list[dict], points: int) -> str:
    texts = []
    for level in levels:
        text = level["text"]
        if level.get("case"):
            text = _("Case %(case)s: %(text)s") % {"case": level["case"], "text": text}
        if level.get("min_stars"):
            text += " " + _("(at least this for %(stars)s stars)") % {"stars": level["min_stars"]}
        texts.append(text)
    return _("%(points)s points: %(text)s") % {"points": points, "text": "; ".join(texts)}


def level_choices(criterion: dict) -> list[tuple[int, str]] | None:
    """One radio choice per level's points (the sheet's own words), or None for a number box."""
    if criterion.get("yes_no") and not criterion.get("levels"):
        return [(0, _("No (0 points)")), (criterion["max"], _("Yes (%(max)s points)") % criterion)]
    points = rubrics.level_points(criterion)
    if points is None:
        return None
    levels = criterion["levels"]
    return [(p, _level_label([lv for lv in levels if (lv["points"] or 0) == p], p)) for p in points]


class ScoresForm(forms.Form):
    """One field per criterion of the sheet (or of `only`): its levels as radio buttons, or a
    whole number up to its maximum where the sheet gives no levels (Decision 148's file)."""

    def __init__(self, *args, sheet: dict, only: list[str] | None = None, bonus=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for part, criterion in rubrics.criteria(sheet):
            code = criterion["code"]
            if (only is not None and code not in only) or (part == "+" and not bonus):
                continue
            self.fields[code] = self._field(criterion, required=part != "+")
            self.fields[code].part = part

    @staticmethod
    def _field(criterion: dict, required: bool) -> forms.Field:
        label_text = f"{criterion['code']} {label(criterion)}"
        out_of = _("Between 0 and %(max)s points for this criterion.") % criterion
        messages = {
            "invalid": _("Enter a whole number of points."),
            "required": _("Enter the points for this criterion."),
        }
        choices = level_choices(criterion)
        if choices is None:
            return forms.IntegerField(
                label=label_text,
                required=required,
                min_value=0,
                max_value=criterion["max"],
                help_text=_("Out of %(max)s.") % {"max": criterion["max"]},
                error_messages={**messages, "max_value": out_of, "min_value": out_of},
            )
        points = ", ".join(str(p) for p, _text in choices)
        return forms.TypedChoiceField(
            label=label_text,
            required=required,
            coerce=int,
            empty_value=None,
            choices=choices,
            widget=forms.RadioSelect,
            help_text=_("Out of %(max)s.") % {"max": criterion["max"]},
            error_messages={
                **messages,
                "invalid_choice": _("Choose one of this criterion's levels: %(points)s points.")
                % {"points": points},
            },
        )

    def scores(self) -> dict[str, int]:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class CommuneCheckForm(ScoresForm):
    commune_report = forms.FileField(
        label=_("Commune evaluation report"), validators=[validate_document]
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(
            *args, sheet=dossier.rubric, only=rubrics.local_codes(dossier.rubric), **kwargs
        )
        self.fields["commune_report"].help_text = _document_help()
        self.fields["commune_report"].widget.attrs["accept"] = ACCEPT

    def scores(self) -> dict[str, int]:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("commune_report", "note") and v is not None
        }


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=80)
    decision_date = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RevokeForm(forms.Form):
    decision_number = forms.CharField(label=_("Revocation decision"), max_length=80)
    decided_on = forms.DateField(
        label=_("Revoked on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason for revocation"), widget=forms.Textarea)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        seats = list(session.seats.select_related("user"))
        self.fields["present"].choices = [
            (str(s.user_id), f"{s.user.get_full_name() or s.user.email} ({s.get_kind_display()})")
            for s in seats
        ]
        self.fields["present"].initial = [str(s.user_id) for s in seats if s.present]


class SessionForm(forms.Form):
    """Convening a council: the level, the province (for a province council), title and date."""

    level = forms.ChoiceField(label=_("Level"))
    province_code = forms.ChoiceField(label=_("Province or city"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, levels, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = levels
        self.fields["province_code"].choices = [("", _("Choose a province"))] + provinces

    def clean(self):
        data = super().clean()
        if data.get("level") == Level.PROVINCE and not data.get("province_code"):
            self.add_error("province_code", _("Choose the province whose council meets."))
        return data


class SeatForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Seat"), choices=Seat.Kind.choices, initial=Seat.Kind.MEMBER)
    body = forms.CharField(
        label=_("Department or body"),
        max_length=120,
        required=False,
        help_text=_("e.g. the cooperative alliance"),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda u: (
            f"{u.get_full_name()} <{u.email}>" if u.get_full_name() else u.email
        )
