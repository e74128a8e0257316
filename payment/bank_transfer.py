"""Bank transfers by VietQR: an order's payment instructions, and the bank's notifications."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
from decimal import Decimal, InvalidOperation

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import IntegrityError, transaction
from oscar.core.loading import get_model

from order.statuses import AWAITING_TERMS, AWAITING_TRANSFER, PAID, Source
from order.transitions import Payment

from . import vietqr
from .methods import receiving_account
from .terms import ON_TERMS

# Orders paid into the marketplace's account: by transfer at once, or on terms by their due date.
PAID_BY_TRANSFER = ("bank_transfer", ON_TERMS)

logger = logging.getLogger(__name__)

BankTransferNotification = get_model("payment", "BankTransferNotification")
Order = get_model("order", "Order")


def memo_for(order) -> str:
    return vietqr.clean_memo(f"OCOP {order.number}")


def payload_for(order) -> str | None:
    """The dynamic VietQR payload for an order's total, or None without a receiving account."""
    account = receiving_account()
    if account is None:
        return None
    return vietqr.build_payload(
        bank_bin=account.bank_bin,
        account=account.account_number,
        amount=int(order.total_incl_tax),
        memo=memo_for(order),
    )


def svg(payload: str) -> str:
    """An inline SVG of the QR code (no raster library needed for pages)."""
    image = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def png(payload: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(payload, box_size=6, border=2).save(buffer, format="PNG")
    return buffer.getvalue()


def payment_instructions(order, *, qr: str = "svg") -> dict:
    """What a page or e-mail shows for paying an order by transfer: account, amount, memo, QR.

    The QR code comes as inline SVG for a page (``vietqr_svg``) or, with ``qr="png"``, as PNG
    bytes for an e-mail to attach (``vietqr_png``). Empty when nothing is to be paid that way.
    """
    if order.payment_method not in PAID_BY_TRANSFER or order.is_paid or order.is_cancelled:
        return {}
    payload = payload_for(order)
    if payload is None:
        return {}
    instructions = {
        "vietqr_payload": payload,
        "vietqr_account": receiving_account(),
        "vietqr_memo": memo_for(order),
        "vietqr_amount": int(order.total_incl_tax),
    }
    if qr == "png":
        instructions["vietqr_png"] = png(payload)
    else:
        instructions["vietqr_svg"] = svg(payload)
    return instructions


# Notifications ----------------------------------------------------------------


class BadNotification(ValueError):
    pass


def signature(body: bytes, secret: str | None = None) -> str:
    key = (secret if secret is not None else settings.BANK_TRANSFER_WEBHOOK_SECRET).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(body: bytes, header: str) -> bool:
    if not settings.BANK_TRANSFER_WEBHOOK_SECRET:
        return False
    return hmac.compare_digest(signature(body), (header or "").strip().lower())


_ORDER_IN_MEMO = re.compile(r"OCOP\s*(\d+)", re.IGNORECASE)


def parse(body: bytes) -> dict:
    """{"transaction_id", "amount", "memo"} from the bank's JSON body."""
    try:
        data = json.loads(body)
        amount = Decimal(str(data["amount"]))
        transaction_id = str(data["transaction_id"]).strip()
    except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
        raise BadNotification(str(exc)) from exc
    if not transaction_id or amount != amount.to_integral_value() or amount <= 0:
        raise BadNotification("bad transaction id or amount")
    return {
        "transaction_id": transaction_id[:100],
        "amount": amount,
        "memo": str(data.get("memo", ""))[:255],
    }


def record(data: dict, payload: dict) -> BankTransferNotification:
    """Match a credit to an order: pay it when amount and memo agree, else flag it for staff.

    The order is paid through `Order.transition`, which decides under the order's row lock:
    a transfer landing while expiry cancels the order either pays it first or finds it
    cancelled, and then becomes a refund due (result "refund_due", and a `RefundDue` listed
    for staff), never "matched".
    A notification is recorded once per bank reference: a retry, even at the same moment,
    returns the first one and changes nothing.
    """
    existing = BankTransferNotification.objects.filter(
        transaction_id=data["transaction_id"]
    ).first()
    if existing:
        return existing  # the bank retried: nothing changes twice
    match = _ORDER_IN_MEMO.search(data["memo"])
    order = Order.objects.filter(number=match.group(1)).first() if match else None
    try:
        with transaction.atomic():
            result, reason, reviewed = _apply(order, data)
            note = BankTransferNotification.objects.create(
                order=order,
                result=result,
                reason=reason,
                reviewed=reviewed,
                payload=payload,
                **data,
            )
    except IntegrityError:
        # The same notification at the same moment: the first one recorded it (and paid).
        return BankTransferNotification.objects.get(transaction_id=data["transaction_id"])
    if result != BankTransferNotification.Result.MATCHED:
        logger.warning("Bank transfer %s needs review: %s", data["transaction_id"], reason)
    return note


def _apply(order, data: dict) -> tuple[str, str, bool]:
    """(result, reason, reviewed) of a credit, paying the order when it matches."""
    Result = BankTransferNotification.Result
    if order is None:
        return Result.MISMATCH, "no order number in the memo", False
    if order.payment_method not in PAID_BY_TRANSFER:
        return Result.MISMATCH, "the order is not paid by bank transfer", False
    if data["amount"] != order.total_incl_tax:
        Order.objects.filter(
            pk=order.pk, status__in=(AWAITING_TRANSFER, AWAITING_TERMS), paid_at__isnull=True
        ).update(payment_flagged=True)
        reason = f"amount {data['amount']} differs from the order total {order.total_incl_tax}"
        return Result.MISMATCH, reason, False
    outcome = order.transition(
        PAID,
        source=Source.BANK,
        payment=Payment(
            amount=data["amount"], reference=data["transaction_id"], event_name="Bank transfer"
        ),
    )
    if outcome.paid:
        return Result.MATCHED, "", False
    # Nothing paid. Staff act on the refund due, when there is one, not on this notification.
    reviewed = outcome.refund_due is not None
    if outcome.already_paid:
        reason = "the order was already paid" + (": refund due" if reviewed else "")
        return Result.DUPLICATE, reason, reviewed
    if reviewed:
        return Result.REFUND_DUE, f"the order is {order.status}: refund due", True
    return Result.MISMATCH, f"the order is {order.status}", False
