"""Business-matching slots at a fair: a time and a table where a registered trade buyer meets an
exhibiting cooperative. The fair is a CMS page (`cms` presents the slots and imports this; never
the reverse), so a slot points at Wagtail's `Page`. Booking is `book_slot` (a row lock: a free slot
is booked once; a buyer, and a cooperative, are at one table at a time: no two of their slots
overlap, checked on their time intervals under row locks, with a constraint on equal start
times as a backstop)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class MeetingSlotQuerySet(models.QuerySet):
    def free(self):
        return self.filter(organisation__isnull=True, starts_at__gt=timezone.now())


class MeetingSlot(models.Model):
    event = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Fair"), on_delete=models.CASCADE, related_name="+"
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        related_name="meeting_slots",
    )
    starts_at = models.DateTimeField(_("Starts at"))
    minutes = models.PositiveSmallIntegerField(_("Length (minutes)"), default=30)
    table = models.CharField(_("Table"), max_length=20)
    organisation = models.ForeignKey(
        "trade.Organisation",
        verbose_name=_("Booked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_slots",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingSlotQuerySet.as_manager()

    class Meta:
        app_label = "trade"
        ordering = ["starts_at", "table"]
        verbose_name = _("Business-matching slot")
        verbose_name_plural = _("Business-matching slots")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "starts_at", "table"], name="trade_one_meeting_per_table"
            ),
            models.UniqueConstraint(
                fields=["event", "starts_at", "producer"], name="trade_cooperative_at_one_table"
            ),
            models.UniqueConstraint(
                fields=["event", "starts_at", "organisation"],
                condition=Q(organisation__isnull=False),
                name="trade_buyer_at_one_table",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} {self.table} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def when(self) -> str:
        return formats.date_format(timezone.localtime(self.starts_at), "SHORT_DATETIME_FORMAT")

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.minutes)

    def overlaps(self, other: MeetingSlot) -> bool:
        """The two meetings share some time (one ending as the other starts does not)."""
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at

    def clean(self):
        super().clean()
        if self.producer_id and self.starts_at and self.minutes:
            clash = first_overlap(self, MeetingSlot.objects.filter(producer_id=self.producer_id))
            if clash:
                raise ValidationError(
                    _("This cooperative already has a meeting from %(start)s at that time.")
                    % {"start": clash.when}
                )


# The longest a slot can last (its field's maximum): how far back a clashing slot can start.
LONGEST = datetime.timedelta(minutes=32767)


def first_overlap(slot: MeetingSlot, candidates) -> MeetingSlot | None:
    """The first of `candidates` (other slots) whose time overlaps `slot`'s, or None. The
    database narrows them by start time (portable on SQLite and PostgreSQL); the intervals are
    compared here."""
    near = candidates.filter(
        starts_at__lt=slot.ends_at, starts_at__gt=slot.starts_at - LONGEST
    ).exclude(pk=slot.pk)
    for other in near.order_by("starts_at", "pk"):
        if slot.overlaps(other):
            return other
    return None


BUYER_BUSY = _("Your organisation already has a meeting at this time. Please choose another slot.")


def book_slot(slot_pk: int, user) -> MeetingSlot:
    """Book a free slot for the user's verified organisation; `services.Refused` says why not."""
    from producers.models import Producer

    from . import emails
    from .access import organisation_of
    from .models import Organisation
    from .services import Refused

    organisation = organisation_of(user)
    if organisation is None or organisation.status != Organisation.Status.VERIFIED:
        raise Refused(_("Only a verified trade buyer can book a business-matching slot."))
    try:
        with transaction.atomic():
            slot = MeetingSlot.objects.select_for_update().filter(pk=slot_pk).first()
            if slot is None or slot.organisation_id is not None:
                raise Refused(_("This slot has just been booked. Please choose another one."))
            if slot.starts_at <= timezone.now():
                raise Refused(_("This slot has already started."))
            # One booking at a time per buyer and per cooperative (slot, then buyer, then
            # cooperative: always in that order), so two overlapping bookings cannot both pass.
            # (ids only: no join, which PostgreSQL's FOR UPDATE refuses on a nullable relation)
            list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values("pk"))
            list(Producer.objects.select_for_update().filter(pk=slot.producer_id).values("pk"))
            booked = MeetingSlot.objects.filter(organisation__isnull=False)
            if first_overlap(slot, booked.filter(organisation=organisation)):
                raise Refused(BUYER_BUSY)
            if first_overlap(slot, booked.filter(producer_id=slot.producer_id)):
                raise Refused(
                    _(
                        "The cooperative already has a meeting at this time. "
                        "Please choose another slot."
                    )
                )
            slot.organisation, slot.booked_by, slot.booked_at = organisation, user, timezone.now()
            slot.save(update_fields=["organisation", "booked_by", "booked_at"])
    except IntegrityError:
        raise Refused(BUYER_BUSY) from None
    transaction.on_commit(lambda: emails.slot_booked(slot), robust=True)
    return slot
