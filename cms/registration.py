"""The rules for cooperatives applying for a fair booth or a training place.

Every refusal raises ``RegistrationRefused`` with a message for the cooperative, before
anything is written: a refused registration changes nothing.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from producers.models import Producer

from .models import BoothRegistration, EventPage, SessionRegistration, TrainingSession


class RegistrationRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def producer_of(user) -> Producer | None:
    """The cooperative a user acts for: the one whose shop they manage, else the one they applied for."""
    if not user.is_authenticated:
        return None
    return (
        Producer.objects.filter(Q(partner__users=user) | Q(applicant=user))
        .annotate(
            approved_first=Case(
                When(status=Producer.Status.APPROVED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("approved_first", "pk")
        .first()
    )


def approved_cooperative(user) -> Producer:
    producer = producer_of(user)
    if producer is None:
        raise RegistrationRefused(
            _(
                "Only cooperatives selling on the marketplace can register. Apply to join the marketplace first."
            )
        )
    if not producer.is_public:
        raise RegistrationRefused(
            _("Your cooperative's application has not been approved yet, so it cannot register.")
        )
    return producer


def check_booth_registration(event: EventPage, producer: Producer) -> None:
    if event.booth_capacity == 0:
        raise RegistrationRefused(_("This event does not take booth registrations online."))
    if timezone.localdate() > event.last_registration_day:
        raise RegistrationRefused(
            _("Booth registration for this event closed on %(date)s.")
            % {"date": formats.date_format(event.last_registration_day, "SHORT_DATE_FORMAT")}
        )
    if event.booth_registrations.filter(producer=producer).exists():
        raise RegistrationRefused(
            _("Your cooperative has already applied for a booth at this event.")
        )
    if event.booths_left() == 0:
        raise RegistrationRefused(
            _("All %(count)s booths of this event are taken; no more registrations are accepted.")
            % {"count": event.booth_capacity}
        )


def apply_for_booth(
    event: EventPage, user, *, products, contact_name: str, contact_phone: str, note: str = ""
) -> BoothRegistration:
    """Record a cooperative's application for a booth, or refuse it."""
    producer = approved_cooperative(user)
    with transaction.atomic():
        # Lock the event so two cooperatives cannot take the last booth at once.
        event = EventPage.objects.select_for_update().get(pk=event.pk)
        check_booth_registration(event, producer)
        try:
            with transaction.atomic():
                registration = BoothRegistration.objects.create(
                    event=event,
                    producer=producer,
                    applicant=user,
                    contact_name=contact_name,
                    contact_phone=contact_phone,
                    note=note,
                )
        except IntegrityError:
            raise RegistrationRefused(
                _("Your cooperative has already applied for a booth at this event.")
            ) from None
        registration.products.set(products)
    return registration


def check_session_registration(session: TrainingSession, user) -> None:
    if not session.is_open:
        raise RegistrationRefused(_("This session has already started; registration is closed."))
    if session.registrations.filter(user=user).exists():
        raise RegistrationRefused(_("You are already registered for this session."))
    if session.registrations.count() >= session.capacity:
        raise RegistrationRefused(
            _("This session is full: all %(count)s places are taken.") % {"count": session.capacity}
        )


def register_for_session(
    session: TrainingSession, user, *, participant_name: str, phone: str, participant_role: str = ""
) -> SessionRegistration:
    """Give a cooperative user a place in a training session, or refuse it."""
    producer = approved_cooperative(user)
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        check_session_registration(session, user)
        try:
            with transaction.atomic():
                return SessionRegistration.objects.create(
                    session=session,
                    producer=producer,
                    user=user,
                    participant_name=participant_name,
                    participant_role=participant_role,
                    phone=phone,
                )
        except IntegrityError:
            raise RegistrationRefused(_("You are already registered for this session.")) from None
