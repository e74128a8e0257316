"""Form fields for a province and a commune of the 2025 map, and the check that they match."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import units


def province_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a province"))] + [(p.code, p.name) for p in units.provinces()]


class ProvinceField(forms.ChoiceField):
    """A select of the 34 provinces; the cleaned value is the province code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Province or city"))
        kwargs.setdefault("choices", province_choices)
        super().__init__(**kwargs)


class CommuneField(forms.CharField):
    """A commune code, checked against the map; its choices follow the province select."""

    default_error_messages = {
        "invalid_commune": _("Choose a commune, ward or special zone from the list.")
    }

    def __init__(self, *, province_field: str = "province_code", **kwargs):
        kwargs.setdefault("label", _("Commune, ward or special zone"))
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault(
            "widget",
            forms.Select(
                attrs={
                    "data-communes-url": reverse_lazy("regions:communes"),
                    "data-province-field": province_field,
                    # regions/communes.js puts a search box with this label above the list.
                    "data-search-label": _("Type to find your commune or ward"),
                }
            ),
        )
        super().__init__(**kwargs)
        self.province_field = province_field

    def validate(self, value):
        super().validate(value)
        if value and units.commune(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_commune"], code="invalid_commune"
            )


class RegionFormMixin:
    """Checks that ``commune_field`` lies in ``province_field`` and fills the commune choices.

    Use it before ``forms.Form``/``forms.ModelForm`` in the bases; include the script
    ``regions/communes.js`` (``form.media``) so the commune list follows the province.
    """

    province_field = "province_code"
    commune_field = "commune_code"
    commune_mismatch_message = _("This commune is not in the chosen province.")

    class Media:
        js = ["regions/communes.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.commune_field)
        if field is not None:
            code = self._bound_or_initial(self.province_field)
            selected = self._bound_or_initial(self.commune_field)
            choices = [("", _("Choose a commune"))] + [
                (c.code, c.name) for c in units.communes(code)
            ]
            unit = units.commune(selected)
            if unit and (unit.code, unit.name) not in choices:
                choices.append((unit.code, unit.name))  # keep a wrong pick visible beside its error
            field.widget.choices = choices

    def _bound_or_initial(self, name: str) -> str:
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "") or ""
        value = self.initial.get(name)
        if value is None and getattr(self, "instance", None) is not None:
            value = getattr(self.instance, name, "")
        return value or ""

    def clean(self):
        cleaned = super().clean()
        province_code = cleaned.get(self.province_field)
        commune_code = cleaned.get(self.commune_field)
        if (
            province_code
            and commune_code
            and not units.commune_in_province(commune_code, province_code)
        ):
            self.add_error(
                self.commune_field,
                forms.ValidationError(self.commune_mismatch_message, code="commune_mismatch"),
            )
        return cleaned
