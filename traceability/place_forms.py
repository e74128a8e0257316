"""Forms for a cooperative's GS1 identity: its prefix, places, trading partners, and the
"where, who, made from" of a journey step."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import gs1
from .places import Party, Place, validate_gln

NOT_A_CODE = _("“%(code)s” is not the code of a published batch on this marketplace.")
SAME_BATCH = _("A batch cannot be made from itself.")
TRANSFER_NEEDS_PARTY = _("Shipping and receiving name the party the goods go to or come from.")
INPUTS_ONLY_PROCESSING = _("Only a processing step is made from other lots.")
MAX_INPUTS = 20
PLACES_HELP = _(
    "Where it happened: one of the cooperative's places, with its GLN. Add places under "
    "Traceability → Places and GS1 numbers."
)


class PrefixForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["company_prefix"]

    def __init__(self, *args, gtins: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.gtins = gtins
        self.fields["company_prefix"].required = True

    def clean_company_prefix(self):
        prefix = self.cleaned_data["company_prefix"].strip()
        if self.gtins and not any(g.lstrip("0").startswith(prefix) for g in self.gtins):
            raise forms.ValidationError(
                _("None of your products' barcodes starts with %(prefix)s: check the number."),
                params={"prefix": prefix},
            )
        return prefix

    def save(self, commit=True):
        self.instance.set_prefix(self.cleaned_data["company_prefix"])
        return self.instance


def suggested_prefix(gtins: list[str]) -> str:
    """The first seven digits shared by the cooperative's Vietnamese GTIN-13s (893 + 4, the
    usual length GS1 Vietnam gives), to be confirmed against its GS1 membership papers."""
    thirteen = [g.lstrip("0").zfill(13) for g in gtins if g.lstrip("0").startswith("893")]
    heads = {g[:7] for g in thirteen}
    return heads.pop() if len(heads) == 1 else ""


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["kind", "name", "name_en", "address", "extension"]


class TradingPartnerForm(forms.ModelForm):
    """A buyer, shop or carrier the cooperative ships to, with the GLN it gave."""

    class Meta:
        model = Party
        fields = ["name", "gln"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["gln"].required = False
        self.fields["gln"].validators.append(validate_gln)
        self.fields["gln"].help_text = _(
            "Optional: the 13-digit GLN the party gave you. Without it a marketplace "
            "identifier stands in, marked as such."
        )


def batch_for_code(text: str):
    """The published batch a pasted or scanned code names (batch, unit or short code)."""
    from .models import Batch, Serial

    path = urlsplit(text.strip()).path or text.strip()
    published = Batch.objects.published()
    if path.startswith("/t/"):
        code = path[3:]
        return (
            published.filter(short_code=code).first()
            or published.filter(serials__code=code, gtin="").first()
        )
    try:
        link = gs1.parse_digital_link(path)
    except gs1.InvalidValue:
        return None
    if link.lot is not None:
        return published.filter(gtin=link.gtin, lot=link.lot).first()
    if link.serial is not None:
        serial = Serial.objects.filter(batch__gtin=link.gtin, code=link.serial).first()
        return published.filter(pk=serial.batch_id).first() if serial else None
    return None


class WhereWhoFormMixin:
    """The journey step form's place, counterparty and input lots (see places.py)."""

    where_who_fields = ["location", "counterparty"]

    def setup_where_who(self, batch) -> None:
        self.fields["location"].queryset = Place.objects.filter(party__partner=batch.partner)
        self.fields["location"].required = True
        self.fields["location"].empty_label = None
        self.fields["location"].help_text = PLACES_HELP
        self.fields["counterparty"].queryset = (
            Party.objects.filter(Q(owner=batch.partner) | Q(partner__isnull=False))
            .exclude(partner=batch.partner)
            .select_related("partner")
            .order_by("partner__name", "name")
        )
        self.fields["place"].required = False
        self.fields["place"].help_text = _(
            "Optional: more words about where; the place's name else."
        )
        self.fields["input_codes"] = forms.CharField(
            label=_("Made from (input lots)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "Processing only: scan or paste the code of each lot it was made from, one a line "
                "— your own batches or another cooperative's."
            ),
        )
        if self.instance.pk:
            self.initial["input_codes"] = "\n".join(
                b.code_uri() for b in self.instance.input_batches.all()
            )

    def clean_where_who(self, cleaned: dict) -> None:
        kind = cleaned.get("kind")
        location = cleaned.get("location")
        if location and not (cleaned.get("place") or "").strip():
            cleaned["place"] = location.get_name()[:200]
        if kind in ("shipping", "receiving") and not cleaned.get("counterparty"):
            self.add_error("counterparty", TRANSFER_NEEDS_PARTY)
        inputs = []
        for line in (cleaned.get("input_codes") or "").splitlines()[:MAX_INPUTS]:
            if not line.strip():
                continue
            batch = batch_for_code(line)
            if batch is None:
                self.add_error(
                    "input_codes",
                    forms.ValidationError(NOT_A_CODE, params={"code": line.strip()[:80]}),
                )
            elif batch.pk == self.batch.pk:
                self.add_error("input_codes", SAME_BATCH)
            elif batch not in inputs:
                inputs.append(batch)
        if inputs and kind != "processing":
            self.add_error("input_codes", INPUTS_ONLY_PROCESSING)
        self.input_batches = inputs

    def save(self, commit=True):
        event = super().save(commit=commit)
        if commit:
            event.input_batches.set(getattr(self, "input_batches", []))
        return event
