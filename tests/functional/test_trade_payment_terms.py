"""Wholesale orders paid on terms: a cooperative quotes net 30 days, the buyer accepts, the order
waits for payment with its due date (shown to the buyer), overdue orders are reminded once per
step; the public checkout never offers the method."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from checkout.forms import CheckoutForm
from order.models import Order
from payment import terms
from tests import trade
from tests.flows import signed_in
from trade import tasks
from trade.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(django_capture_on_commit_callbacks):
    """Cooperative A's quote on net 30 days, accepted through the pages."""
    category, [(coop_a, product_a)] = trade.sector_with_cooperatives(1)
    org = trade.organisation()
    rfq = trade.open_request(org, category)
    coop = signed_in(coop_a.users.first())
    response = coop.post(
        f"/trade/requests/{rfq.pk}/quote/",
        trade.quote_form(product_a, payment_terms_days="30"),
    )
    assert response.status_code == 302
    quote = Quote.objects.get(request=rfq)
    assert quote.payment_terms_days == 30
    buyer = signed_in(org.members.first())
    compare = buyer.get(f"/trade/requests/{rfq.pk}/quotes/").content.decode()
    assert "30" in compare and "trade-payment" in compare
    with django_capture_on_commit_callbacks(execute=True):
        response = buyer.post(f"/trade/quotes/{quote.pk}/accept/", trade.ACCEPT_FORM)
    assert response.status_code == 302
    quote.refresh_from_db()
    return {"quote": quote, "order": quote.order, "org": org, "buyer": buyer}


def test_an_accepted_quote_on_terms_places_an_order_with_its_due_date(accepted):
    order = accepted["order"]
    assert order.payment_method == "on_terms"
    assert order.status == "awaiting-terms-payment"
    assert order.payment_due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert not order.is_paid

    due = order.payment_due_on.strftime("%d/%m/%Y")
    status_page = accepted["buyer"].get(order.get_status_url()).content.decode()
    assert "order-payment-due" in status_page and due in status_page
    quote_page = accepted["buyer"].get(f"/trade/quotes/{accepted['quote'].pk}/").content.decode()
    assert due in quote_page


def test_an_order_on_terms_is_paid_as_any_other(accepted):
    order = accepted["order"]
    assert order.mark_paid(reference="CK-123")
    order.refresh_from_db()
    assert order.status == "paid" and not terms.overdue().filter(pk=order.pk).exists()


def test_an_overdue_order_is_reminded_once_per_step(accepted):
    order = accepted["order"]
    Order.objects.filter(pk=order.pk).update(
        payment_due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    org_email = accepted["org"].contact_email
    mail.outbox.clear()

    assert tasks.remind_overdue_payments() == 1
    reminders = trade.sent_to(org_email)
    assert len(reminders) == 1 and order.number in reminders[0].subject
    assert order.get_status_url() in reminders[0].body

    mail.outbox.clear()
    assert tasks.remind_overdue_payments() == 0  # the same step is not sent again
    assert mail.outbox == []

    # A week late: the next step.
    Order.objects.filter(pk=order.pk).update(
        payment_due_on=timezone.localdate() - datetime.timedelta(days=8)
    )
    assert tasks.remind_overdue_payments() == 1


def test_paid_cancelled_and_not_yet_due_orders_are_not_reminded(accepted):
    order = accepted["order"]
    assert tasks.remind_overdue_payments() == 0  # due in 30 days
    Order.objects.filter(pk=order.pk).update(
        payment_due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert order.cancel(reason="Thôi không mua").changed
    assert tasks.remind_overdue_payments() == 0


def test_the_public_checkout_never_offers_payment_on_terms():
    form = CheckoutForm()
    assert "on_terms" not in [value for value, _label in form.fields["payment_method"].choices]
    posted = CheckoutForm(
        {
            "email": "khach@example.vn",
            "name": "Lê Thị Hoa",
            "phone": "0912 000 111",
            "street": "25 Hàng Bài",
            "province_code": trade.HANOI,
            "commune_code": trade.HOAN_KIEM,
            "payment_method": "on_terms",
        }
    )
    assert not posted.is_valid() and "payment_method" in posted.errors


def test_terms_the_marketplace_does_not_offer_are_refused():
    with pytest.raises(ValueError):
        terms.due_on(45)


def test_the_order_email_gives_the_due_date_and_how_to_pay(accepted):
    order = accepted["order"]
    due = order.payment_due_on.strftime("%d/%m/%Y")
    placed = [m for m in mail.outbox if order.number in m.subject and order.email in m.to]
    assert placed, [m.subject for m in mail.outbox]
    assert due in placed[0].body and f"OCOP {order.number}" in placed[0].body


def test_a_transfer_with_the_orders_memo_pays_an_order_on_terms(accepted, client, settings):
    from tests.functional.test_checkout_bank_transfer import SECRET, notify

    settings.BANK_TRANSFER_WEBHOOK_SECRET = SECRET
    order = accepted["order"]
    body = {"transaction_id": "VCB-TERMS-1", "amount": int(order.total_incl_tax),
            "memo": f"OCOP {order.number}"}  # fmt: skip
    assert notify(client, body).status_code == 200
    order.refresh_from_db()
    assert order.is_paid and order.status == "paid"
