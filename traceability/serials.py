"""Serialised unit codes: issued at random, flagged when they look copied, and reviewed.

A unit is flagged when it is scanned far more often than one package plausibly is, or in
places too far apart too soon (scans.py). Anyone holding one label can cause either, so the
cooperative that owns the batch, or alliance staff, review flags: they clear one with a
reason, or raise one again (`clear_flag`, `raise_flag_again`). Every step is kept in
`FlagReview`, the flags the scan checks raise included: who, when, why.

After a clearance only new evidence counts. The unit keeps `cleared_at` and
`cleared_scans` (its scans at that moment) in its own row, which the origin page reads
anyway, so this costs the page no query: the scan-count check counts only scans beyond
`cleared_scans`, and the travel check compares only scans made after `cleared_at`. The
page still shows every scan and the first one's date, and says that a warning was lifted.

A flag a staff member raised is the alliance's decision: only staff may clear it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import gs1
from .codes import SERIAL_LENGTH, random_code

if TYPE_CHECKING:
    from .models import Batch, LabelRun


class SerialQuerySet(models.QuerySet):
    def flagged(self):
        return self.exclude(flag="")


class Serial(models.Model):
    """A serialised unit code: random, unique across the marketplace, never reused."""

    class Flag(models.TextChoices):
        NONE = "", _("Not flagged")
        TOO_MANY_SCANS = "too_many", _("Scanned far more often than one unit plausibly is")
        IMPOSSIBLE_TRAVEL = "travel", _("Scanned in places too far apart within a short time")
        REVIEWER = "review", _("Marked as suspicious by a reviewer")

    batch = models.ForeignKey("Batch", on_delete=models.PROTECT, related_name="serials")
    run = models.ForeignKey(
        "LabelRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="serials"
    )
    code = models.CharField(_("Serial"), max_length=gs1.MAX_SERIAL_LENGTH, unique=True)
    flag = models.CharField(_("Flag"), max_length=10, choices=Flag.choices, blank=True, default="")
    flagged_at = models.DateTimeField(_("Flagged at"), null=True, blank=True)
    # When a reviewer last cleared a flag, and how many scans the unit had then.
    cleared_at = models.DateTimeField(_("Flag cleared at"), null=True, blank=True)
    cleared_scans = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SerialQuerySet.as_manager()

    class Meta:
        app_label = "traceability"
        ordering = ["pk"]
        verbose_name = _("Serial code")
        verbose_name_plural = _("Serial codes")
        indexes = [models.Index(fields=["batch", "flag"], name="trace_serial_batch_flag")]

    def __str__(self) -> str:
        return self.code

    @property
    def uri(self) -> str:
        return self.batch.serial_uri(self.code)

    def is_suspicious(self, scans: int) -> bool:
        """Flagged, or ``scans`` (in all) exceeds what one unit gets since its last review."""
        return bool(self.flag) or scans - self.cleared_scans > settings.TRACE_SERIAL_SCAN_LIMIT

    def raise_flag(self, flag: str, scans: int | None = None) -> None:
        """Flag once: the first reason found stays, so the dashboard shows when it started.

        Only if no reviewer cleared the unit since it was read: evidence weighed against
        an older state raises nothing.
        """
        if self.flag:
            return
        now = timezone.now()
        with transaction.atomic():
            if Serial.objects.filter(pk=self.pk, flag="", cleared_at=self.cleared_at).update(
                flag=flag, flagged_at=now
            ):
                self.flag, self.flagged_at = flag, now
                FlagReview.objects.create(
                    serial=self, action=FlagReview.Action.FLAGGED, flag=flag, scans=scans, at=now
                )

    @classmethod
    def issue(
        cls, batch: Batch, count: int, run: LabelRun | None = None, chunk: int = 2000, on_chunk=None
    ) -> int:
        """Create ``count`` new serials for ``batch`` in chunks; a clash is simply drawn again."""
        made = 0
        while made < count:
            size = min(chunk, count - made)
            codes = {random_code(SERIAL_LENGTH) for _ in range(size)}
            try:
                with transaction.atomic():
                    cls.objects.bulk_create(cls(batch=batch, run=run, code=c) for c in codes)
            except IntegrityError:  # 75 random bits: practically never, but never reuse
                continue
            made += len(codes)
            if on_chunk:
                on_chunk(made)
        return made


class FlagReview(models.Model):
    """One step of a unit's flag: raised by the scan checks, or cleared or raised by a person."""

    class Action(models.TextChoices):
        FLAGGED = "flagged", _("Flagged")
        CLEARED = "cleared", _("Cleared")

    serial = models.ForeignKey(Serial, on_delete=models.CASCADE, related_name="reviews")
    action = models.CharField(_("Action"), max_length=8, choices=Action.choices)
    flag = models.CharField(_("Flag"), max_length=10, choices=Serial.Flag.choices, blank=True)
    reason = models.TextField(_("Reason"), max_length=1000, blank=True)
    scans = models.PositiveIntegerField(_("Scans then"), null=True, blank=True)
    # None: the scan checks. by_staff keeps the role the person had when they acted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_staff = models.BooleanField(default=False)
    at = models.DateTimeField(_("When"), default=timezone.now)

    class Meta:
        app_label = "traceability"
        ordering = ["-at", "-pk"]
        verbose_name = _("Flag review")
        verbose_name_plural = _("Flag reviews")
        indexes = [models.Index(fields=["serial", "at"], name="trace_flagreview_serial_at")]

    def __str__(self) -> str:
        return f"{self.serial_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


REASON_NEEDED = _("Say why: the reason is kept with the decision.")
NOT_FLAGGED = _("This code is not flagged (any more).")
ALREADY_FLAGGED = _("This code is already flagged.")
STAFF_FLAG = _("Alliance staff flagged this code: only they can clear it.")


def may_clear(serial: Serial, user) -> bool:
    """Whether ``user`` may clear the unit's flag: not one that staff raised, unless staff."""
    if user.is_staff:
        return True
    last = serial.reviews.filter(action=FlagReview.Action.FLAGGED).first()
    return not (last and last.by_staff)


def _locked(serial: Serial) -> Serial:
    return Serial.objects.select_for_update().get(pk=serial.pk)


def _scans(serial: Serial) -> int:
    """The unit's scans: written, and still waiting in the buffer (scan_buffer.py)."""
    from .scan_buffer import pending  # lazily: models.py imports this module

    return serial.scans.count() + pending(serial.batch_id, serial.pk).count


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REASON_NEEDED, code="reason")
    return reason


def clear_flag(serial: Serial, user, reason: str) -> FlagReview:
    """A reviewer finds the unit genuine: lift its flag and count evidence from now on."""
    reason = _reason(reason)
    with transaction.atomic():
        locked = _locked(serial)
        if not locked.flag:
            raise ValidationError(NOT_FLAGGED, code="not_flagged")
        if not may_clear(locked, user):
            raise PermissionDenied(STAFF_FLAG)
        scans, now = _scans(locked), timezone.now()
        Serial.objects.filter(pk=locked.pk).update(
            flag="", flagged_at=None, cleared_at=now, cleared_scans=scans
        )
        review = FlagReview.objects.create(
            serial=locked,
            action=FlagReview.Action.CLEARED,
            flag=locked.flag,
            reason=reason,
            scans=scans,
            user=user,
            by_staff=user.is_staff,
            at=now,
        )
    serial.flag, serial.flagged_at, serial.cleared_at, serial.cleared_scans = "", None, now, scans
    return review


def raise_flag_again(serial: Serial, user, reason: str) -> FlagReview:
    """A reviewer marks the unit suspicious: the origin page warns shoppers again."""
    reason = _reason(reason)
    with transaction.atomic():
        locked = _locked(serial)
        if locked.flag:
            raise ValidationError(ALREADY_FLAGGED, code="flagged")
        now = timezone.now()
        Serial.objects.filter(pk=locked.pk).update(flag=Serial.Flag.REVIEWER, flagged_at=now)
        review = FlagReview.objects.create(
            serial=locked,
            action=FlagReview.Action.FLAGGED,
            flag=Serial.Flag.REVIEWER,
            reason=reason,
            scans=_scans(locked),
            user=user,
            by_staff=user.is_staff,
            at=now,
        )
    serial.flag, serial.flagged_at = Serial.Flag.REVIEWER, now
    return review
