"""The random codes printed on labels: serials and short codes, in Crockford's base 32."""

from __future__ import annotations

import base64
import secrets

# Crockford's base 32: no I, L, O or U, so a code read aloud or retyped stays unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SERIAL_LENGTH = 15  # 15 × 5 = 75 random bits, above the 64 the issue asks for
SHORT_CODE_LENGTH = 10  # /t/<code> for products without a GTIN: 50 random bits


_FROM_BASE32 = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_ALPHABET)


def random_code(length: int) -> str:
    """``length`` characters of Crockford base 32, five random bits each (os.urandom)."""
    raw = base64.b32encode(secrets.token_bytes((length * 5 + 7) // 8)).decode()
    return raw[:length].translate(_FROM_BASE32)
