"""One audit row per action on the board: who, what, on which request or quote."""

from __future__ import annotations

from .models import AuditEntry


def audit(action: str, actor=None, *, organisation=None, request=None, quote=None, **detail):
    if quote is not None and request is None:
        request = quote.request
    if request is not None and organisation is None:
        organisation = request.organisation
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        organisation=organisation,
        request=request,
        quote=quote,
        detail={k: str(v) for k, v in detail.items()},
    )
