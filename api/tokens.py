"""Bearer tokens: who is calling, and whether the token's scopes allow what it asks.

No token: an anonymous visitor, who reads the public endpoints. An unknown or revoked token,
or one whose maker no longer belongs to the cooperative: 401. A token without the scope an
endpoint needs: 403. Objects of another cooperative are simply not found (404).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from .models import ApiToken, hash_secret

# last_used_at is written at most this often per token, not on every request.
TOUCH_EVERY = datetime.timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header is malformed."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = (
            ApiToken.objects.select_related("partner", "created_by")
            .filter(key_hash=hash_secret(secret))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("The token was revoked."))
        user = token.created_by
        if (
            user is None
            or not user.is_active
            or not token.partner.users.filter(pk=user.pk).exists()
        ):
            raise exceptions.AuthenticationFailed(
                _("The token's maker no longer belongs to the cooperative.")
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


def token_of(request) -> ApiToken | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


class ScopePermission(permissions.BasePermission):
    """A view's required scope (None: public; a tuple: any of them) must be the token's.

    Views with a scope need a token (401 without one); a token lacking the scope gets 403.
    """

    message = _("This token's scopes do not allow this request.")

    def has_permission(self, request, view) -> bool:
        scope = view.get_required_scope() if hasattr(view, "get_required_scope") else None
        if scope is None:
            return True
        token = token_of(request)
        if token is None:
            raise exceptions.NotAuthenticated(_("This request needs a cooperative's API token."))
        wanted = scope if isinstance(scope, tuple) else (scope,)
        return any(token.has_scope(s) for s in wanted)
