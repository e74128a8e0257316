"""The demo marketplace has a verified trade buyer with open requests matched to cooperatives."""

from __future__ import annotations

from marketplace.demo import trade as demo_trade
from trade.models import Match, Organisation, SourcingRequest


def test_the_demo_board_has_open_requests_and_loading_again_adds_nothing(anonymous_client):
    organisation = Organisation.objects.get(tax_code=demo_trade.ORGANISATION["tax_code"])
    assert organisation.is_verified
    requests = SourcingRequest.objects.open().filter(organisation=organisation)
    assert requests.count() == len(demo_trade.REQUESTS)
    assert Match.objects.filter(request__in=requests).exists()
    assert demo_trade.load() == 0
    page = anonymous_client.get("/trade/").content.decode()
    assert demo_trade.REQUESTS[0][0] in page and organisation.name not in page


def test_the_demo_fair_offers_business_matching_slots(anonymous_client):
    from cms.models import EventPage
    from trade.slots import MeetingSlot

    demo_trade._fair_slots()
    slot = MeetingSlot.objects.select_related("producer").order_by("starts_at", "pk").first()
    event = EventPage.objects.get(pk=slot.event_id)
    page = anonymous_client.get(event.url + event.reverse_subpage("matching")).content.decode()
    assert slot.producer.name in page and slot.table in page
    assert demo_trade._fair_slots() == 0
