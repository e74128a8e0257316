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

from . import vietqr
from .methods import receiving_account

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
    if order.payment_method != "bank_transfer" or order.is_paid or order.is_cancelled:
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
    """Match a credit to an order: pay it when amount and memo agree, else flag it for staff."""
    existing = BankTransferNotification.objects.filter(
        transaction_id=data["transaction_id"]
    ).first()
    if existing:
        return existing  # the bank retried: nothing changes twice
    match = _ORDER_IN_MEMO.search(data["memo"])
    order = Order.objects.filter(number=match.group(1)).first() if match else None
    result, reason = BankTransferNotification.Result.MISMATCH, ""
    if order is None:
        reason = "no order number in the memo"
    elif order.payment_method != "bank_transfer":
        reason = "the order is not paid by bank transfer"
    elif order.is_paid:
        result, reason = BankTransferNotification.Result.DUPLICATE, "the order was already paid"
    elif order.is_cancelled:
        reason = "the order is cancelled"
    elif data["amount"] != order.total_incl_tax:
        reason = f"amount {data['amount']} differs from the order total {order.total_incl_tax}"
    else:
        result = BankTransferNotification.Result.MATCHED
    try:
        with transaction.atomic():
            note = BankTransferNotification.objects.create(
                order=order, result=result, reason=reason, payload=payload, **data
            )
            if result == BankTransferNotification.Result.MATCHED:
                order.mark_paid(reference=data["transaction_id"], event_name="Bank transfer")
            elif result == BankTransferNotification.Result.MISMATCH and order is not None:
                Order.objects.filter(pk=order.pk).update(payment_flagged=True)
    except IntegrityError:
        return BankTransferNotification.objects.get(transaction_id=data["transaction_id"])
    if result != BankTransferNotification.Result.MATCHED:
        logger.warning("Bank transfer %s needs review: %s", data["transaction_id"], reason)
    return note
