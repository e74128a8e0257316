"""Business-matching slots at a fair: a time and a table where a registered trade buyer meets an
exhibiting cooperative. The fair is a CMS page (`cms` presents the slots and imports this; never
the reverse), so a slot points at Wagtail's `Page`. Booking is `book_slot` (a row lock: a free slot
is booked once; a buyer is at one table at a time, by a constraint)."""

from __future__ import annotations

from django.conf import settings
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


def book_slot(slot_pk: int, user) -> MeetingSlot:
    """Book a free slot for the user's verified organisation; `services.Refused` says why not."""
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
            slot.organisation, slot.booked_by, slot.booked_at = organisation, user, timezone.now()
            slot.save(update_fields=["organisation", "booked_by", "booked_at"])
    except IntegrityError:
        raise Refused(
            _("Your organisation already has a meeting at this time. Please choose another slot.")
        ) from None
    transaction.on_commit(lambda: emails.slot_booked(slot), robust=True)
    return slot
