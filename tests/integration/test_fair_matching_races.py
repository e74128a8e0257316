"""Two trade buyers booking the same business-matching slot at the same moment: one gets it,
the other is refused. Real threads over committed data (the slot's row lock on PostgreSQL)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.models import EventPage
from tests import trade
from tests.concurrency import at_once
from tests.factories import remove_cooperatives
from trade.services import Refused
from trade.slots import MeetingSlot, book_slot


@pytest.fixture
def slot(committed_db):
    _category, [(coop, _product)] = trade.sector_with_cooperatives(1)
    orgs = [
        trade.organisation(name="Siêu thị Một", tax_code="0101111111"),
        trade.organisation(name="Siêu thị Hai", tax_code="0102222222"),
    ]
    made = MeetingSlot.objects.create(
        event=EventPage.objects.first(),
        producer=coop.producer,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        table="T1",
    )
    yield made, orgs
    made.delete()
    user_ids = [user.pk for org in orgs for user in org.members.all()]
    for org in orgs:
        org.delete()
    remove_cooperatives(coop)
    _category.delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk__in=user_ids).delete()


def test_two_buyers_booking_one_slot_at_once_one_is_refused(slot):
    made, orgs = slot
    users = [org.members.first() for org in orgs]
    outcomes = at_once(
        *(lambda user=user: book_slot(made.pk, user) for user in users), keep_errors=True
    )
    assert sum(isinstance(o, MeetingSlot) for o in outcomes) == 1
    assert sum(isinstance(o, Refused) for o in outcomes) == 1, outcomes
    made.refresh_from_db()
    winner = next(o for o in outcomes if isinstance(o, MeetingSlot))
    assert made.organisation_id == winner.organisation_id
