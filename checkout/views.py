"""A one-page checkout: address, notes and payment on one form; card payments on a second page."""

from __future__ import annotations

import logging

import stripe
from django import http
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.apps.checkout.views import *  # noqa: F403
from oscar.apps.checkout.views import ThankYouView as OscarThankYouView
from oscar.core.loading import get_model

from order.exceptions import OutOfStock
from payment import bank_transfer, methods
from shipping.charges import per_cooperative

from . import cards, limits
from .forms import CheckoutForm
from .placement import CheckoutDetails, details_from_user_address, place_order, totals

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
SESSION_DETAILS = "ocop_checkout_details"


def out_of_stock_message(exc: OutOfStock) -> str:
    return _("Sorry, %(product)s is out of stock: only %(count)s left. Your basket is kept.") % {
        "product": exc.product.get_title(),
        "count": exc.available,
    }


def basket_problems(basket) -> list[str]:
    """Lines that can no longer be bought in the quantity asked, in the buyer's words."""
    problems = []
    for line in basket.all_lines():
        # A suspended or unapproved cooperative's product, or a hidden one (basket.Line).
        if line.unavailable_reason():
            problems.append(line.get_warning())
            continue
        permitted, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
        if not permitted:
            problems.append(f"{line.product.get_title()}: {reason}")
    return problems


def summary_context(request, basket) -> dict:
    _method, charge, total = totals(basket, request)
    return {
        "cooperatives": per_cooperative(basket),
        "shipping_charge": charge,
        "order_total": total,
    }


class IndexView(generic.FormView):
    """Checkout as a guest or signed in: address, notes, payment method; totals from the server."""

    template_name = "oscar/checkout/checkout.html"
    form_class = CheckoutForm

    def dispatch(self, request, *args, **kwargs):
        basket = request.basket
        if basket.is_empty:
            messages.error(request, _("Your basket is empty."))
            return redirect("basket:summary")
        problems = basket_problems(basket)
        if problems:
            for problem in problems:
                messages.error(request, problem)
            return redirect("basket:summary")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = dict(self.request.session.get(SESSION_DETAILS) or {})
        user = self.request.user
        if user.is_authenticated:
            chosen = self.request.GET.get("address")
            addresses = user.addresses.order_by(
                "-is_default_for_shipping", "-num_orders_as_shipping_address"
            )
            address = addresses.filter(pk=chosen).first() if chosen and chosen.isdigit() else None
            if address is None and not initial:
                address = addresses.first()
            if address is not None:
                initial.update(details_from_user_address(address))
            initial.setdefault("name", user.get_full_name())
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(summary_context(self.request, self.request.basket))
        if self.request.user.is_authenticated:
            ctx["addresses"] = self.request.user.addresses.all()[:10]
        return ctx

    def form_valid(self, form):
        user = self.request.user
        email = user.email if user.is_authenticated else form.cleaned_data["email"]
        details = CheckoutDetails.from_form(form.cleaned_data, email=email)
        if details.payment_method == "card":
            self.request.session[SESSION_DETAILS] = details.to_json()
            return redirect("checkout:card")
        # Cash on delivery and transfers hold stock before any money: a few orders per visitor.
        refused = limits.refusal(self.request, form.cleaned_data["phone"])
        if refused:
            form.add_error(None, refused)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        try:
            order = place_order(
                basket=self.request.basket, details=details, user=user, request=self.request
            )
        except OutOfStock as exc:
            messages.error(self.request, out_of_stock_message(exc))
            return redirect("basket:summary")
        return finish(self.request, order)


def finish(request, order):
    request.session.pop(SESSION_DETAILS, None)
    request.session["checkout_order_id"] = order.id
    return redirect("checkout:thank-you")


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class CardPaymentView(generic.TemplateView):
    """The card page: Stripe.js turns the card into a PaymentMethod; the server charges it.

    While an earlier payment of this session is still open (3-D Secure left unfinished), its
    basket is frozen and this page pays for that basket again: the earlier one is superseded."""

    template_name = "oscar/checkout/card.html"

    def dispatch(self, request, *args, **kwargs):
        if not methods.card_enabled():
            raise http.Http404
        self.details = request.session.get(SESSION_DETAILS)
        self.basket, self.pending = request.basket, None
        if self.basket.is_empty:
            frozen, pending = cards.pending_basket(session_intents(request), request)
            if frozen is not None:
                self.basket, self.pending = frozen, pending
        if not self.details or self.basket.is_empty:
            return redirect("checkout:index")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(summary_context(self.request, self.basket))
        ctx["stripe_publishable_key"] = settings.STRIPE_PUBLISHABLE_KEY
        ctx["details"] = self.details
        ctx["pending"] = self.pending
        return ctx

    def post(self, request, *args, **kwargs):
        payment_method_id = request.POST.get("payment_method_id", "")
        if not payment_method_id.startswith("pm_"):
            messages.error(request, _("Enter your card details."))
            return redirect("checkout:card")
        problems = basket_problems(self.basket)
        if problems:
            for problem in problems:
                messages.error(request, problem)
            return redirect("basket:summary")
        try:
            intent = cards.start(
                basket=self.basket,
                details=CheckoutDetails.from_json(self.details),
                user=request.user,
                payment_method_id=payment_method_id,
                request=request,
            )
        except stripe.CardError as exc:
            messages.error(
                request,
                _("Your card was declined: %(reason)s") % {"reason": exc.user_message or ""},
            )
            return redirect("checkout:card")
        except stripe.StripeError:
            logger.exception("Stripe error")
            messages.error(
                request, _("The card payment could not be made. Nothing was charged; try again.")
            )
            return redirect("checkout:card")
        remember_intent(request, intent.id)
        if intent.status == "requires_action":
            self.pending = None  # the page's notice is about an earlier payment, not this one
            ctx = self.get_context_data(client_secret=intent.client_secret)
            return self.render_to_response(ctx)
        return card_outcome(request, cards.settle(intent))


SESSION_INTENTS = "ocop_card_intents"


def session_intents(request) -> list[str]:
    """The card payments started in this browser session, oldest first."""
    return list(request.session.get(SESSION_INTENTS) or [])


def remember_intent(request, intent_id: str) -> None:
    request.session[SESSION_INTENTS] = (session_intents(request) + [intent_id])[-10:]


@transaction.non_atomic_requests
def card_return(request):
    """Where the browser lands after paying; the webhook may have placed the order already.

    Only a payment started in this session shows its order; the basket is reopened only once
    Stripe says the payment can no longer succeed."""
    intent_id = request.GET.get("payment_intent", "")
    if not intent_id.startswith("pi_") or not methods.card_enabled():
        raise http.Http404
    if intent_id not in session_intents(request):
        return render(request, "oscar/checkout/card_pending.html", {"unknown": True})
    try:
        outcome = cards.settle(cards.retrieve(intent_id))
    except stripe.StripeError:
        logger.warning("Stripe unreachable on return of %s", intent_id, exc_info=True)
        outcome = cards.Outcome("pending", checkout=cards.checkout_for(intent_id))
    return card_outcome(request, outcome)


@require_POST
@transaction.non_atomic_requests
def card_cancel(request):
    """The buyer cancels a payment left at 3-D Secure, to change the basket or pay otherwise."""
    intent_id = request.POST.get("payment_intent", "")
    if not methods.card_enabled() or intent_id not in session_intents(request):
        raise http.Http404
    try:
        outcome = cards.abandon(intent_id)
    except stripe.StripeError:
        logger.warning("Stripe unreachable cancelling %s", intent_id, exc_info=True)
        outcome = cards.Outcome("pending", checkout=cards.checkout_for(intent_id))
    if outcome.kind == "pending":
        messages.error(
            request,
            _("The payment cannot be cancelled now: your bank is still processing it."),
        )
    return card_outcome(request, outcome)


def card_outcome(request, outcome):
    """The buyer's page for what became of a card payment."""
    if outcome.kind == "placed":
        return finish(request, outcome.order)
    if outcome.kind == "pending":
        ctx = {
            "checkout": outcome.checkout,
            "processing": outcome.intent_status == "processing",
            "timeout_minutes": settings.OCOP_CARD_INTENT_TIMEOUT_MINUTES,
        }
        return render(request, "oscar/checkout/card_pending.html", ctx)
    reattach(request, outcome.checkout)
    if outcome.kind == "cancelled":
        messages.info(request, _("The card payment was cancelled. Your basket is unlocked."))
    elif outcome.kind == "refunded":
        messages.error(
            request,
            _(
                "Your payment could not become an order and has been refunded in full. "
                "Your basket is kept."
            ),
        )
    else:
        messages.error(request, _("The card payment did not go through. Your basket is kept."))
    return redirect("basket:summary")


def reattach(request, checkout) -> None:
    """Give a guest back the basket a card payment froze, now open again: Oscar forgets a
    guest's basket (drops its cookie) when it finds it frozen."""
    basket = checkout.basket if checkout is not None else None
    if basket is None or basket.status != Basket.OPEN or basket.owner_id:
        return
    if request.user.is_authenticated:
        return
    key = settings.OSCAR_BASKET_COOKIE_OPEN
    if key in request.COOKIES and key not in getattr(request, "cookies_to_delete", []):
        return  # the guest has started another basket meanwhile: keep that one
    request.basket = basket  # Oscar's BasketMiddleware sets the cookie for it


class ThankYouView(OscarThankYouView):
    template_name = "oscar/checkout/thank_you.html"

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx.update(order_context(ctx["order"]))
        return ctx


def order_context(order) -> dict:
    ctx = {"shipments": order.shipments.select_related("partner").order_by("partner__name")}
    ctx.update(bank_transfer.payment_instructions(order))
    if "vietqr_payload" in ctx:
        ctx["vietqr_png_url"] = reverse(
            "checkout:vietqr-png",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    return ctx


def signed_order(order_number: str, hash: str):  # noqa: A002 - Oscar's name
    """The order a status link names, or None when the link's signature does not match."""
    order = Order.objects.filter(number=order_number).first()
    if order is None or not order.check_verification_hash(hash):
        return None
    return order


def vietqr_png(request, order_number: str, hash: str):  # noqa: A002 - Oscar's name
    """The order's VietQR code as a PNG to save and open in a banking app on the same phone."""
    order = signed_order(order_number, hash)
    instructions = bank_transfer.payment_instructions(order, qr="png") if order else {}
    if not instructions:  # paid, cancelled, another method, or no receiving account
        raise http.Http404
    response = http.HttpResponse(instructions["vietqr_png"], content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="vietqr-{order.number}.png"'
    response["Cache-Control"] = "private, no-store"
    return response


def order_status(request, order_number: str, hash: str):  # noqa: A002 - Oscar's name
    """The order-status page behind the e-mail's link; for guests too, checked by its signature."""
    order = signed_order(order_number, hash)
    if order is None:
        return render(
            request,
            "oscar/order/status_invalid.html",
            {"message": _("This order-status link is not valid. Check that you copied all of it.")},
            status=404,
        )
    ctx = {"order": order, "lines": order.lines.select_related("partner")}
    ctx.update(order_context(order))
    return render(request, "oscar/order/status.html", ctx)


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request):
    status = cards.handle_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    return http.HttpResponse(status=status)


@csrf_exempt
@require_POST
def bank_transfer_webhook(request):
    """The bank's credit notification: JSON body, signed with HMAC-SHA256 in X-Signature."""
    if not bank_transfer.verify(request.body, request.headers.get("X-Signature", "")):
        return http.JsonResponse({"error": "bad signature"}, status=403)
    try:
        data = bank_transfer.parse(request.body)
    except bank_transfer.BadNotification as exc:
        return http.JsonResponse({"error": f"bad notification: {exc}"}, status=400)
    note = bank_transfer.record(data, payload=_json(request.body))
    return http.JsonResponse({"result": note.result})


def _json(body: bytes) -> dict:
    import json

    try:
        value = json.loads(body)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
