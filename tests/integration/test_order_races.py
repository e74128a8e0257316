"""Transfers, replays and expiry at the same moment: one outcome, the stock right.

Real concurrency, as in test_stock_allocation.py: threads, each with its own client and
database connection, over committed data. On PostgreSQL the order's row lock
(`Order.transition`) serialises them; on SQLite the IMMEDIATE transactions do.
"""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from order.expiry import expire_unpaid_orders
from payment import bank_transfer
from tests import flows
from tests.concurrency import at_once
from tests.factories import CooperativeFactory, ProductFactory, remove_cooperatives

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
BankTransferNotification = get_model("payment", "BankTransferNotification")
RefundDue = get_model("order", "RefundDue")

WEBHOOK = "/shop/checkout/bank-transfer/webhook/"
SECRET = "bank-secret-for-race-tests"
# (webhook delay, expiry delay) per round: at the same moment, then each given a head start
# of a few milliseconds, so that both outcomes come up on either database.
ROUNDS = [(0, 0), (0, 0), (0, 0.05), (0.05, 0), (0, 0.1), (0.1, 0)]


@pytest.fixture
def cooperative(committed_db, settings):
    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    partner = CooperativeFactory(flat_rate=0)
    yield partner
    remove_cooperatives(partner)


def place_transfer(partner, quantity: int = 2):
    """A bank-transfer order for `quantity` units of a new product, placed long enough ago
    to expire."""
    item = ProductFactory(partner=partner, price=100000, stock=quantity)
    client = Client()
    flows.add_to_basket(client, item, quantity)
    flows.checkout(client, payment_method="bank_transfer")
    order = Order.objects.get(lines__product=item)
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - datetime.timedelta(days=30)
    )
    return order, item


def transfer_body(order, transaction_id: str | None = None) -> bytes:
    body = {
        "transaction_id": transaction_id or f"FT{uuid.uuid4().hex[:12]}",
        "amount": int(order.total_incl_tax),
        "memo": f"OCOP {order.number}",
    }
    return json.dumps(body).encode()


def notify(raw: bytes):
    return Client().post(
        WEBHOOK,
        raw,
        content_type="application/json",
        HTTP_X_SIGNATURE=bank_transfer.signature(raw, SECRET),
    )


def transitions_of(order) -> list[tuple[str, str, str]]:
    return list(order.transitions.values_list("from_status", "to_status", "source"))


def test_a_transfer_landing_while_expiry_runs_has_one_outcome(cooperative):
    outcomes = set()
    for delays in ROUNDS:
        order, item = place_transfer(cooperative)
        raw = transfer_body(order)
        answers = at_once(lambda raw=raw: notify(raw), expire_unpaid_orders, delays=delays)
        order.refresh_from_db()
        record = StockRecord.objects.get(product=item)
        note = BankTransferNotification.objects.get(
            transaction_id=json.loads(raw)["transaction_id"]
        )
        assert answers[0].status_code == 200
        steps = transitions_of(order)
        if order.status == "paid":
            # The transfer came first: expiry found the order paid and left it.
            assert order.is_paid and note.result == "matched"
            assert (record.num_in_stock, record.num_allocated) == (2, 2)
            assert order.payment_events.count() == 1
            assert not RefundDue.objects.filter(order=order).exists()
            assert ("awaiting-transfer", "paid", "bank") in steps
            assert not any(to == "cancelled" for _f, to, _s in steps)
            assert set(order.shipments.values_list("status", flat=True)) == {"pending"}
        else:
            # Expiry came first: the transfer is owed back, never "matched".
            assert order.status == "cancelled" and not order.is_paid
            assert note.result == "refund_due" and note.reviewed  # staff act on the RefundDue
            assert (record.num_in_stock, record.num_allocated) == (2, 0)
            assert order.payment_events.count() == 0
            refund = RefundDue.objects.get(order=order)
            assert refund.amount == order.total_incl_tax and refund.reference == note.transaction_id
            assert ("awaiting-transfer", "cancelled", "expiry") in steps
            assert not any(to == "paid" for _f, to, _s in steps)
            assert set(order.shipments.values_list("status", flat=True)) == {"cancelled"}
        outcomes.add(order.status)
    assert outcomes <= {"paid", "cancelled"}


def test_the_same_notification_replayed_at_once_pays_once(cooperative):
    order, item = place_transfer(cooperative, quantity=1)
    raw = transfer_body(order)
    answers = at_once(*[lambda: notify(raw)] * 5)
    assert [a.status_code for a in answers] == [200] * 5
    assert {a.json()["result"] for a in answers} == {"matched"}
    order.refresh_from_db()
    assert order.status == "paid" and order.is_paid
    assert order.payment_events.count() == 1
    assert BankTransferNotification.objects.filter(order=order).count() == 1
    assert [s for s in transitions_of(order) if s[1] == "paid"] == [
        ("awaiting-transfer", "paid", "bank")
    ]
    assert not RefundDue.objects.filter(order=order).exists()
    assert StockRecord.objects.get(product=item).num_allocated == 1


def test_two_transfers_for_one_order_at_once_pay_it_once_and_owe_one_back(cooperative):
    order, item = place_transfer(cooperative, quantity=1)
    first, second = transfer_body(order), transfer_body(order)
    at_once(lambda: notify(first), lambda: notify(second))
    order.refresh_from_db()
    assert order.status == "paid" and order.payment_events.count() == 1
    results = sorted(
        BankTransferNotification.objects.filter(order=order).values_list("result", flat=True)
    )
    assert results == ["duplicate", "matched"]
    refund = RefundDue.objects.get(order=order)
    assert refund.amount == order.total_incl_tax
    assert len([s for s in transitions_of(order) if s[1] == "paid"]) == 1
