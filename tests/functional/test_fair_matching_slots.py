"""A fair's business-matching slots: a verified trade buyer books a free slot with an exhibiting
cooperative on the fair's page; both are e-mailed; a booked slot, a second meeting at the same
time, an unverified buyer and a cooperative are refused."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests import trade
from tests.flows import signed_in
from tests.functional.test_fair_registration import make_event
from trade.slots import MeetingSlot

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    event = make_event(slug="hoi-cho-giao-thuong")
    _category, [(coop_a, _pa), (coop_b, _pb)] = trade.sector_with_cooperatives(2)
    at = timezone.now() + datetime.timedelta(days=31)
    slots = [
        MeetingSlot.objects.create(event=event, producer=coop_a.producer, starts_at=at, table="A1"),
        MeetingSlot.objects.create(event=event, producer=coop_b.producer, starts_at=at, table="B2"),
    ]
    return {
        "event": event, "slots": slots, "coop_a": coop_a,
        "url": event.url + event.reverse_subpage("matching"),
        "buyer_org": trade.organisation(),
        "other_org": trade.organisation(name="Nhà hàng Sen", tax_code="0309999999"),
    }  # fmt: skip


def _client(org):
    return signed_in(org.members.first())


def test_a_verified_buyer_books_a_free_slot_and_both_parties_are_emailed(
    fair, django_capture_on_commit_callbacks
):
    slot, org = fair["slots"][0], fair["buyer_org"]
    assert fair["url"] in _client(org).get(fair["event"].url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(org).post(fair["url"], {"slot": slot.pk}, follow=True)
    assert response.status_code == 200
    slot.refresh_from_db()
    assert slot.organisation == org and slot.booked_by == org.members.first()
    assert "Cuộc gặp của bạn" in response.content.decode()
    buyer_mail = trade.sent_to(org.contact_email)
    coop_mail = trade.sent_to(fair["coop_a"].users.first().email)
    assert len(buyer_mail) == 1 and "A1" in buyer_mail[0].body
    assert fair["coop_a"].producer.name in buyer_mail[0].body
    assert len(coop_mail) == 1 and org.name in coop_mail[0].body and "A1" in coop_mail[0].body


def test_a_booked_slot_is_refused_to_another_buyer(fair):
    slot = fair["slots"][0]
    _client(fair["buyer_org"]).post(fair["url"], {"slot": slot.pk})
    mail.outbox.clear()
    response = _client(fair["other_org"]).post(fair["url"], {"slot": slot.pk}, follow=True)
    assert "vừa có người đặt" in response.content.decode()
    slot.refresh_from_db()
    assert slot.organisation == fair["buyer_org"] and mail.outbox == []


def test_a_buyer_cannot_be_at_two_tables_at_once(fair):
    first, second = fair["slots"]
    client = _client(fair["buyer_org"])
    client.post(fair["url"], {"slot": first.pk})
    response = client.post(fair["url"], {"slot": second.pk}, follow=True)
    assert "đã có một cuộc gặp vào giờ này" in response.content.decode()
    second.refresh_from_db()
    assert second.organisation is None


def test_an_unverified_buyer_and_a_cooperative_cannot_book(fair):
    slot = fair["slots"][0]
    pending = trade.organisation(verified=False, name="Chưa duyệt", tax_code="0105555555")
    for client in (_client(pending), signed_in(fair["coop_a"].users.first())):
        response = client.post(fair["url"], {"slot": slot.pk}, follow=True)
        assert "Chỉ người mua đã được xác minh" in response.content.decode()
    slot.refresh_from_db()
    assert slot.organisation is None


def test_a_slot_of_another_fair_or_a_bad_id_is_a_404(fair):
    other = make_event(slug="hoi-cho-khac")
    client = _client(fair["buyer_org"])
    other_url = other.url + other.reverse_subpage("matching")
    assert client.post(other_url, {"slot": fair["slots"][0].pk}).status_code == 404
    assert client.post(fair["url"], {"slot": "x"}).status_code == 404


def test_the_slot_list_shows_free_and_booked_slots(fair, client, django_assert_max_num_queries):
    _client(fair["buyer_org"]).post(fair["url"], {"slot": fair["slots"][0].pk})
    with django_assert_max_num_queries(30):
        page = client.get(fair["url"]).content.decode()
    assert page.count('class="matching-slot"') == 2 and "Đã đặt" in page
