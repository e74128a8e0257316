"""Business-matching slots overlap by their time intervals, not only by equal start times: a
buyer cannot hold two meetings that share a minute, nor a cooperative; back-to-back meetings
are fine. Two overlapping bookings at once by real threads: one wins."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from tests import trade
from tests.concurrency import at_once
from tests.factories import remove_cooperatives
from trade.services import Refused
from trade.slots import MeetingSlot, book_slot


def _world():
    _category, sellers = trade.sector_with_cooperatives(2)
    (coop_a, _pa), (coop_b, _pb) = sellers
    fair = Page.objects.get(depth=1)  # any page: a slot only points at its fair
    ten = (timezone.now() + datetime.timedelta(days=20)).replace(
        hour=3, minute=0, second=0, microsecond=0
    )
    return {
        "category": _category,
        "sellers": sellers,
        "fair": fair,
        "a": coop_a.producer,
        "b": coop_b.producer,
        "ten": ten,
        "buyer": trade.organisation(),
        "other": trade.organisation(name="Nhà hàng Sen", tax_code="0309999999"),
    }


def slot(world, producer, minutes_after: int, table: str, minutes: int = 30) -> MeetingSlot:
    return MeetingSlot.objects.create(
        event=world["fair"],
        producer=producer,
        starts_at=world["ten"] + datetime.timedelta(minutes=minutes_after),
        minutes=minutes,
        table=table,
    )


@pytest.fixture
def world(db):
    return _world()


def member(org):
    return org.members.first()


@pytest.mark.django_db
def test_a_buyer_cannot_book_a_meeting_that_starts_before_its_other_one_ends(world):
    first = slot(world, world["a"], 0, "A1")  # 10:00–10:30
    overlapping = slot(world, world["b"], 15, "B1")  # 10:15–10:45
    back_to_back = slot(world, world["a"], 30, "A2")  # 10:30–11:00, same cooperative
    book_slot(first.pk, member(world["buyer"]))

    with pytest.raises(Refused, match="Tổ chức của bạn đã có một cuộc gặp"):
        book_slot(overlapping.pk, member(world["buyer"]))
    overlapping.refresh_from_db()
    assert overlapping.organisation is None

    assert book_slot(back_to_back.pk, member(world["buyer"])).organisation == world["buyer"]
    # Another buyer may take the slot this one could not.
    assert book_slot(overlapping.pk, member(world["other"])).organisation == world["other"]


@pytest.mark.django_db
def test_a_longer_meeting_overlaps_one_that_starts_inside_it(world):
    long = slot(world, world["a"], 0, "A1", minutes=90)  # 10:00–11:30
    inside = slot(world, world["b"], 60, "B1")  # 11:00–11:30
    book_slot(inside.pk, member(world["buyer"]))
    with pytest.raises(Refused):
        book_slot(long.pk, member(world["buyer"]))


@pytest.mark.django_db
def test_a_cooperative_cannot_meet_two_buyers_at_overlapping_times(world):
    first = slot(world, world["a"], 0, "A1")
    # Created with the ORM, behind the form's check: booking still refuses the clash.
    clashing = slot(world, world["a"], 20, "A2")
    book_slot(first.pk, member(world["buyer"]))
    with pytest.raises(Refused, match="Hợp tác xã đã có một cuộc gặp vào giờ này"):
        book_slot(clashing.pk, member(world["other"]))


@pytest.mark.django_db
def test_a_cooperatives_overlapping_slot_is_refused_when_it_is_made(world):
    slot(world, world["a"], 0, "A1")
    clashing = MeetingSlot(
        event=world["fair"], producer=world["a"], table="A2", minutes=30,
        starts_at=world["ten"] + datetime.timedelta(minutes=29),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        clashing.full_clean()
    clashing.starts_at = world["ten"] + datetime.timedelta(minutes=30)
    clashing.full_clean()  # back to back: fine
    other_coop = MeetingSlot(
        event=world["fair"], producer=world["b"], table="B1", minutes=30, starts_at=world["ten"]
    )
    other_coop.full_clean()  # another cooperative at the same time: fine


@pytest.fixture
def committed_world(committed_db):
    built = _world()
    yield built
    MeetingSlot.objects.filter(producer__in=[built["a"], built["b"]]).delete()
    users = [m.pk for org in (built["buyer"], built["other"]) for m in org.members.all()]
    built["buyer"].delete()
    built["other"].delete()
    remove_cooperatives(*[partner for partner, _product in built["sellers"]])
    built["category"].delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk__in=users).delete()


def test_two_overlapping_bookings_at_once_by_one_buyer_give_one_meeting(committed_world):
    world = committed_world
    first = slot(world, world["a"], 0, "A1")
    second = slot(world, world["b"], 10, "B1")
    user = member(world["buyer"])
    outcomes = at_once(
        lambda: book_slot(first.pk, user), lambda: book_slot(second.pk, user), keep_errors=True
    )
    assert sum(isinstance(o, MeetingSlot) for o in outcomes) == 1
    assert sum(isinstance(o, Refused) for o in outcomes) == 1
    assert MeetingSlot.objects.filter(organisation=world["buyer"]).count() == 1
