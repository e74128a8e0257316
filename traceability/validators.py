"""Form and model validators that turn GS1's rules into messages a cooperative can act on."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import gs1

ALLOWED = _(
    "letters A–Z and a–z without accents, digits and ! \" % & ' ( ) * + , - . / : ; < = > ? _"
)


def _validate(value: str, what, max_length: int) -> None:
    try:
        gs1.check_cset82(value, max_length)
    except gs1.InvalidValue as exc:
        params = {"what": what, "allowed": ALLOWED, "char": exc.char, "limit": max_length}
        if exc.code == "too_long":
            message = _("%(what)s can have at most %(limit)s characters.")
        elif exc.code == "space":
            message = _(
                "%(what)s cannot contain spaces. Use only %(allowed)s (GS1 character set 82)."
            )
        elif exc.code == "empty":
            message = _("%(what)s is required.")
        else:
            message = _(
                "%(what)s cannot contain “%(char)s”. Use only %(allowed)s (GS1 character set 82)."
            )
        raise ValidationError(message, code=f"gs1_{exc.code}", params=params) from exc


def validate_lot(value: str) -> None:
    _validate(value, _("A lot code"), gs1.MAX_LOT_LENGTH)


def validate_serial(value: str) -> None:
    _validate(value, _("A serial number"), gs1.MAX_SERIAL_LENGTH)
