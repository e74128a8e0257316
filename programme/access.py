"""Who may read which provinces' figures: alliance staff all, province officers their own.

The roles are the evaluation app's (`evaluation.roles.province_codes_for`): None means every
province, a set means those provinces, an empty set means no access.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from evaluation.roles import province_codes_for


def allowed_provinces(user) -> tuple[str, ...] | None:
    """The provinces `user` may read (None = all); PermissionDenied when none."""
    if not user.is_authenticated:
        raise PermissionDenied
    codes = province_codes_for(user)
    if codes is None:
        return None
    if not codes:
        raise PermissionDenied
    return tuple(sorted(codes))
