"""Cooperatives' API tokens (stored as hashes), the audit of every write, idempotent answers."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ocop_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class Scope(models.TextChoices):
    READ = "read", _("Read the cooperative's own data")
    STOCK_PRICE = "stock_price", _("Update stock and prices")
    TRACEABILITY = "traceability", _("Create and publish batches, record journeys, print labels")


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A cooperative's key to the API: only the SHA-256 of its secret is kept."""

    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("Name"), max_length=100, help_text=_("e.g. Farm software"))
    # The first characters of the secret, so people can tell their tokens apart.
    prefix = models.CharField(_("Starts with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("Scopes"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("Revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, partner, name: str, scopes: list[str], user) -> tuple[ApiToken, str]:
        """A new token and its secret; the secret is shown once and never stored."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            partner=partner,
            name=name,
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            key_hash=hash_secret(secret),
            scopes=sorted(set(scopes)),
            created_by=user,
        )
        return token, secret

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def revoke(self, user) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = user
            self.save(update_fields=["revoked_at", "revoked_by"])

    def get_scopes_display(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes or []]


class AuditEntry(models.Model):
    """One write made through the API: which token, what, on which object, with what answer."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.SET_NULL, null=True, related_name="audit_entries"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="api_audit_entries"
    )
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=255)
    action = models.CharField(max_length=40)
    object_ids = models.JSONField(default=list, blank=True)
    status = models.PositiveSmallIntegerField()
    idempotency_key = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API audit entry")
        verbose_name_plural = _("API audit entries")

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"


class IdempotentRequest(models.Model):
    """The stored answer to a write sent with an ``Idempotency-Key``, replayed on a retry."""

    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "key"], name="api_idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return self.key
