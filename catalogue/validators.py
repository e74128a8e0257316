"""Validators for catalogue fields, reusing the GS1 helpers of the traceability app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from traceability.gs1 import GTIN_LENGTHS, is_valid_gtin


def validate_gtin(value: str | None) -> None:
    """A GTIN-8, -12, -13 or -14 whose last digit is the GS1 check digit."""
    if not value:
        return
    value = value.strip()
    if not value.isdigit() or len(value) not in GTIN_LENGTHS:
        raise ValidationError(
            _("A GTIN has 8, 12, 13 or 14 digits."), code="gtin_format", params={"value": value}
        )
    if not is_valid_gtin(value):
        raise ValidationError(
            _("%(value)s is not a valid GTIN: its check digit is wrong."),
            code="gtin_check_digit",
            params={"value": value},
        )
