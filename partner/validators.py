"""What a price and a stock level may be: whole đồng above 0, stock from 0, and ceilings that
catch a slipped finger (settings OCOP_MAX_PRICE and OCOP_MAX_STOCK)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


def _number(value) -> str:
    return number_format(value, decimal_pos=0 if value == int(value) else None, force_grouping=True)


def validate_price(value: Decimal | None) -> None:
    if value is None:
        return
    if not value.is_finite() or value <= 0:
        raise ValidationError(_("Enter a price above 0 đồng."), code="price_not_positive")
    if value != value.to_integral_value():
        raise ValidationError(
            _("Prices are whole đồng: the Vietnamese đồng has no decimals."),
            code="price_not_whole",
        )
    if value > settings.OCOP_MAX_PRICE:
        raise ValidationError(
            _(
                "%(price)s đồng is above the ceiling of %(max)s đồng for one item: check the number of zeros."
            ),
            code="price_too_high",
            params={"price": _number(value), "max": _number(settings.OCOP_MAX_PRICE)},
        )


def validate_stock(value: int | None) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError(
            _("Stock cannot be negative: enter 0 when none is left."), code="stock_negative"
        )
    if value > settings.OCOP_MAX_STOCK:
        raise ValidationError(
            _(
                "%(stock)s units is above the ceiling of %(max)s for one product: check the number of zeros."
            ),
            code="stock_too_high",
            params={"stock": _number(value), "max": _number(settings.OCOP_MAX_STOCK)},
        )
