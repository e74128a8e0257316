"""Two cooperatives taking the last quote slot, and a buyer accepting two quotes, at the same
moment: one wins, the other is refused. Real threads over committed data (the request's row
lock on PostgreSQL, IMMEDIATE transactions on SQLite)."""

from __future__ import annotations

import pytest

from checkout.placement import CheckoutDetails
from tests import trade
from tests.concurrency import at_once
from tests.factories import remove_cooperatives
from trade import services
from trade.models import Quote, SourcingRequest


@pytest.fixture
def market(committed_db):
    category, sellers = trade.sector_with_cooperatives(3)
    org = trade.organisation()
    yield category, sellers, org
    user_ids = list(org.members.values_list("pk", flat=True))
    org.delete()
    remove_cooperatives(*[partner for partner, _product in sellers])
    category.delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk__in=user_ids).delete()


def test_the_last_quote_slot_goes_to_one_cooperative(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category, quote_cap=2)
    trade.quote(rfq, *sellers[0])
    outcomes = at_once(
        lambda: trade.quote(rfq, *sellers[1]),
        lambda: trade.quote(rfq, *sellers[2]),
        keep_errors=True,
    )
    assert sum(isinstance(o, Quote) for o in outcomes) == 1
    assert sum(isinstance(o, services.Refused) for o in outcomes) == 1
    rfq.refresh_from_db()
    assert (rfq.status, rfq.quote_count) == ("closed", 2)
    assert Quote.objects.filter(request=rfq).count() == 2


def test_two_acceptances_at_once_place_one_order(market):
    category, sellers, org = market
    rfq = trade.open_request(org, category)
    quotes = [trade.quote(rfq, *seller) for seller in sellers[:2]]
    buyer = org.members.first()
    details = CheckoutDetails(
        email=buyer.email, name="Lê Thị Hoa", phone="+84912000111", street="25 Hàng Bài",
        province_code=trade.HANOI, commune_code=trade.HOAN_KIEM, notes="",
        payment_method="bank_transfer",
    )  # fmt: skip
    outcomes = at_once(
        *[lambda q=q: services.accept_quote(q, by=buyer, details=details) for q in quotes],
        keep_errors=True,
    )
    assert sum(isinstance(o, Quote) for o in outcomes) == 1
    assert sum(isinstance(o, services.Refused) for o in outcomes) == 1
    rfq.refresh_from_db()
    assert rfq.status == SourcingRequest.Status.AWARDED
    statuses = sorted(Quote.objects.filter(request=rfq).values_list("status", flat=True))
    assert statuses == ["accepted", "declined"]
    assert Quote.objects.filter(request=rfq, order__isnull=False).count() == 1
