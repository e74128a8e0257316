"""An accepted quote becomes a wholesale order, placed through the shop's order machinery.

The order is written by the snapshot order creator the card checkout uses
(`checkout.snapshot.SnapshotOrderCreator`): one line at the quoted unit price for the
requested quantity, the cooperative's shipment, delivery as the quote's terms say (no
shipping charge of the shop's rates), paid by bank transfer with VietQR, or on the terms the
quote offered (net 15, 30 or 60 days: `payment.terms`; the order carries its due date and
waits for payment while it ships). Stock is not allocated: wholesale lots are produced to
order within the quoted lead time.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from checkout.placement import CheckoutDetails, send_order_placed
from checkout.snapshot import SnapshotOrderCreator
from order.statuses import AWAITING_TERMS
from payment import terms

from .models import Quote, SourcingRequest

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")

BANK_TRANSFER = "bank_transfer"
INITIAL_STATUS = "awaiting-transfer"


def payment_fields(quote: Quote) -> dict:
    """How the order is paid: by bank transfer first, or on the quote's terms with a due date."""
    if quote.payment_terms_days:
        return {
            "status": AWAITING_TERMS,
            "payment_method": terms.ON_TERMS,
            "payment_due_on": terms.due_on(quote.payment_terms_days),
        }
    return {"status": INITIAL_STATUS, "payment_method": BANK_TRANSFER}


class WholesaleOrderCreator(SnapshotOrderCreator):
    def update_stock_records(self, line):
        """Produced to order (see the module): nothing taken from the retail stock."""


def snapshot(quote: Quote, rfq: SourcingRequest, record) -> dict:
    price = Decimal(quote.unit_price)
    quantity = rfq.quantity
    total = str(price * quantity)
    line = {
        "product": quote.product_id,
        "stockrecord": record.pk,
        "title": quote.product.get_title(),
        "quantity": quantity,
        "tax_code": None,
        "breakdown": [[str(price), str(price), quantity]],
        "options": [],
        "unit_price_excl_tax": str(price),
        "unit_price_incl_tax": str(price),
        "line_price_excl_tax": total,
        "line_price_incl_tax": total,
        "line_price_excl_tax_incl_discounts": total,
        "line_price_incl_tax_incl_discounts": total,
    }
    return {
        "currency": "VND",
        "lines": [line],
        "cooperatives": [{"partner": record.partner_id, "subtotal": total, "charge": "0"}],
        "shipping": {
            "code": "wholesale",
            "name": _("Delivery as quoted"),
            "excl_tax": "0",
            "incl_tax": "0",
            "tax_code": None,
        },
        "total": {"excl_tax": total, "incl_tax": total},
    }


def place_wholesale_order(quote: Quote, rfq: SourcingRequest, *, user, details: CheckoutDetails):
    """The order of an accepted quote; called inside the acceptance's transaction."""
    record = (
        StockRecord.objects.filter(
            product_id=quote.product_id, partner_id=quote.producer.partner_id
        )
        .select_related("product")
        .first()
        if quote.product_id
        else None
    )
    if record is None:
        from .services import Refused

        raise Refused(_("The quoted product is no longer sold by this cooperative."))
    basket = Basket.objects.create(owner=user)
    notes = _("Wholesale order from quote #%(quote)s. Delivery terms: %(terms)s") % {
        "quote": quote.pk,
        "terms": quote.delivery_terms,
    }
    if details.notes:
        notes = f"{notes}\n{details.notes}"
    address = details.shipping_address()
    address.save()
    order = WholesaleOrderCreator().place_snapshot(
        snapshot(quote, rfq, record),
        basket=basket,
        order_number=OrderNumberGenerator().order_number(basket),
        user=user,
        shipping_address=address,
        customer_notes=notes,
        language=details.language,
        guest_email="",
        **payment_fields(quote),
    )
    basket.submit()
    transaction.on_commit(lambda: send_order_placed(order.pk), robust=True)
    return order
