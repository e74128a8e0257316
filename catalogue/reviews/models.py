"""Buyers' reviews, with the selling cooperative's public reply and its reports to staff.

A cooperative never edits or deletes a review: it answers it (one reply per review, shown
under the review as plain text) or reports it to staff, who keep moderation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews.abstract_models import AbstractProductReview

from catalogue.versions import CATALOGUE_VERSION

REPLY_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000


class AlreadyReported(Exception):
    """The cooperative already has an open report on this review."""


class ProductReview(AbstractProductReview):
    reply = models.TextField(_("Cooperative's reply"), blank=True, max_length=REPLY_MAX_LENGTH)
    # The cooperative's name as it replied, shown without a join on every review.
    reply_name = models.CharField(_("Replied as"), max_length=128, blank=True)
    reply_partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Replying cooperative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("Replied at"), null=True, blank=True)

    def answer(self, text: str, *, partner, user) -> None:
        """Set the cooperative's one public reply (replacing its earlier wording)."""
        self.reply = text.strip()
        self.reply_name = partner.name
        self.reply_partner = partner
        self.replied_by = user
        self.replied_at = timezone.now()
        # A queryset update: saving the review would recompute the product's rating. The
        # product page is cached under the catalogue version, as a saved review bumps it.
        type(self).objects.filter(pk=self.pk).update(
            reply=self.reply,
            reply_name=self.reply_name,
            reply_partner=partner,
            replied_by=user,
            replied_at=self.replied_at,
        )
        CATALOGUE_VERSION.bump()

    def report(self, reason: str, *, partner, user) -> ReviewReport:
        """Ask staff to look at this review; one open report per cooperative."""
        try:
            with transaction.atomic():
                return self.reports.create(partner=partner, reported_by=user, reason=reason.strip())
        except IntegrityError as exc:
            raise AlreadyReported from exc


class ReviewReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class ReviewReport(models.Model):
    """A cooperative's report of a review of its product, for staff to moderate."""

    review = models.ForeignKey(
        ProductReview,
        verbose_name=_("Review"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Reporting cooperative"),
        on_delete=models.CASCADE,
        related_name="review_reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("Reason"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("Reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("Resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReviewReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Review report")
        verbose_name_plural = _("Review reports")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "partner"],
                condition=Q(resolved_at__isnull=True),
                name="review_one_open_report_per_cooperative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.review} ({self.partner})"

    def resolve(self, user) -> None:
        self.resolved_at = timezone.now()
        self.resolved_by = user
        self.save(update_fields=["resolved_at", "resolved_by"])


from oscar.apps.catalogue.reviews.models import *  # noqa: E402, F403
