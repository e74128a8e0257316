"""E-mails about an order, each in the buyer's language: confirmation, cooperatives' notices, shipments."""

from __future__ import annotations

import logging
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from lib.urls import absolute_url

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Shipment = get_model("order", "Shipment")


def _send(
    template: str, ctx: dict, to: list[str], language: str, images: dict | None = None
) -> None:
    if not to:
        return
    with translation.override(language):
        subject = " ".join(
            render_to_string(f"oscar/order/emails/{template}_subject.txt", ctx).split()
        )
        text = render_to_string(f"oscar/order/emails/{template}_body.txt", ctx)
        html = render_to_string(f"oscar/order/emails/{template}_body.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.OSCAR_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    for cid, data in (images or {}).items():
        image = MIMEImage(data, "png")
        image.add_header("Content-ID", f"<{cid}>")
        image.add_header("Content-Disposition", "inline", filename=f"{cid}.png")
        message.attach(image)
    message.send()


def _recipient(order) -> str:
    return order.email  # the user's e-mail or the guest's


def send_order_placed(
    order_pk: int, *, payment_context: dict | None = None, images: dict | None = None
) -> None:
    """The buyer's confirmation and each cooperative's notice.

    How to pay (a bank transfer's account, memo and QR) comes from the caller, as template
    context and inline images, because the payment methods sit above orders.
    """
    order = Order.objects.get(pk=order_pk)
    ctx = {
        "order": order,
        "lines": order.lines.all(),
        "shipments": order.shipments.select_related("partner"),
        "status_url": absolute_url(order.get_status_url()),
    }
    ctx.update(payment_context or {})
    _send("order_placed", ctx, [_recipient(order)], order.language, images)
    for shipment in ctx["shipments"]:
        users = shipment.partner.users.exclude(email="")
        emails = [u.email for u in users]
        # Cooperatives read the shop's default language.
        _send(
            "new_order",
            {
                "order": order,
                "shipment": shipment,
                "lines": shipment.lines,
                "dashboard_url": absolute_url(
                    reverse("order-fulfilment:shipment", kwargs={"pk": shipment.pk})
                ),
            },
            emails,
            settings.LANGUAGE_CODE,
        )


def send_shipment_update(shipment_pk: int) -> None:
    shipment = Shipment.objects.select_related("order", "partner").get(pk=shipment_pk)
    order = shipment.order
    ctx = {
        "order": order,
        "shipment": shipment,
        "lines": shipment.lines,
        "status_url": absolute_url(order.get_status_url()),
    }
    _send("shipment_update", ctx, [_recipient(order)], order.language)
