"""A cooperative's side of the board (quoting, its matches) and a quote's page with its thread."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checkout.placement import CheckoutDetails

from . import services
from .access import producer_of, side_of, visible_quote, visible_request
from .forms import AcceptForm, MessageForm, QuoteForm, ReasonForm
from .models import Match, Quote
from .rules import rule


def _refused(request, refused, rfq):
    messages.error(request, refused.message)
    return redirect("trade:request", pk=rfq.pk)


@login_required
def quote_new(request, pk):
    rfq = visible_request(request.user, pk)
    producer = producer_of(request.user)
    if producer is None:
        raise Http404
    services.close_if_expired(rfq)
    rfq.refresh_from_db()
    try:
        services.check_can_quote(rfq, producer)
    except services.Refused as refused:
        return _refused(request, refused, rfq)
    form = QuoteForm(request.POST or None, request.FILES or None, producer=producer, rfq=rfq)
    if request.method == "POST" and form.is_valid():
        try:
            quote = services.submit_quote(rfq, producer, by=request.user, **form.cleaned_data)
        except services.Refused as refused:
            return _refused(request, refused, rfq)
        messages.success(request, _("Your quote was sent to the buyer."))
        return redirect("trade:quote", pk=quote.pk)
    return render(request, "trade/quote_form.html", {"form": form, "rfq": rfq})


@login_required
def quote_edit(request, pk):
    quote = visible_quote(request.user, pk)
    if side_of(request.user, quote) != "cooperative":
        raise Http404
    rfq = quote.request
    try:
        services.check_can_edit(quote)
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect("trade:quote", pk=quote.pk)
    form = QuoteForm(
        request.POST or None,
        request.FILES or None,
        instance=quote,
        producer=quote.producer,
        rfq=rfq,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.edit_quote(quote, by=request.user, **fields)
        except services.Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your quote was updated. It cannot be edited again."))
        return redirect("trade:quote", pk=quote.pk)
    return render(request, "trade/quote_form.html", {"form": form, "rfq": rfq, "quote": quote})


@login_required
def quote_detail(request, pk):
    quote = visible_quote(request.user, pk)
    side = side_of(request.user, quote)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if side is None:
            raise Http404
        if form.is_valid():
            try:
                message = services.post_message(
                    quote, by=request.user, side=side, body=form.cleaned_data["body"]
                )
            except services.Refused as refused:
                messages.error(request, refused.message)
            else:
                if message.held:
                    messages.warning(
                        request,
                        _("Your message is held for review: before a quote is accepted, "
                          "bank account numbers, phone numbers and payment outside the "
                          "marketplace are not passed on."),
                    )  # fmt: skip
                else:
                    messages.success(request, _("Message sent."))
            return redirect("trade:quote", pk=quote.pk)
    thread = [
        m for m in quote.messages.all()
        if m.side == side or side is None or m.visible_to_recipient
    ]  # fmt: skip
    held_for_me = quote.messages.filter(held=True).exclude(side=side).exists() if side else False
    return render(
        request,
        "trade/quote_detail.html",
        {
            "quote": quote,
            "rfq": quote.request,
            "side": side,
            "thread": thread,
            "held_for_me": held_for_me,
            "form": form,
            "reason_form": ReasonForm(),
            "edits_left": max(0, rule("quote_edits_allowed") - quote.edit_count),
        },
    )


@login_required
def quote_accept(request, pk):
    quote = visible_quote(request.user, pk)
    if side_of(request.user, quote) != "buyer":
        raise Http404
    form = AcceptForm(request.POST or None, initial={"name": request.user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = CheckoutDetails(
            email=request.user.email,
            name=data["name"],
            phone=str(data["phone"]),
            street=data["street"],
            province_code=data["province_code"],
            commune_code=data["commune_code"],
            notes=data.get("notes") or "",
            payment_method="bank_transfer",
            language=(translation.get_language() or "vi")[:2],
        )
        try:
            quote = services.accept_quote(quote, by=request.user, details=details)
        except services.Refused as refused:
            messages.error(request, refused.message)
            return redirect("trade:quote", pk=quote.pk)
        messages.success(
            request,
            _("You accepted this quote. Wholesale order %(number)s is placed: pay it by bank "
              "transfer with the VietQR code we e-mailed you.") % {"number": quote.order.number},
        )  # fmt: skip
        return redirect("trade:quote", pk=quote.pk)
    return render(
        request, "trade/accept.html", {"form": form, "quote": quote, "rfq": quote.request}
    )


@login_required
@require_POST
def quote_report(request, pk):
    quote = visible_quote(request.user, pk)
    form = ReasonForm(request.POST)
    if side_of(request.user, quote) is None:
        raise Http404
    if form.is_valid():
        services.report(by=request.user, reason=form.cleaned_data["reason"], quote=quote)
        messages.success(request, _("Thank you: staff will look at your report."))
    else:
        messages.error(request, _("Say what is wrong in a few words."))
    return redirect("trade:quote", pk=quote.pk)


@login_required
@require_POST
def quote_block(request, pk):
    quote = visible_quote(request.user, pk)
    side = side_of(request.user, quote)
    if side is None:
        raise Http404
    services.block(quote, by=request.user, side=side)
    messages.success(request, _("Blocked: no more quotes or messages between you."))
    return redirect("trade:quote", pk=quote.pk)


@login_required
def cooperative(request):
    """A cooperative's trade page: the requests matched to it, with reasons, and its quotes."""
    producer = producer_of(request.user)
    if producer is None:
        raise Http404
    matches = (
        Match.objects.filter(producer=producer, request__status="open")
        .select_related("request__category")
        .order_by("-score", "-request__opened_at")[:50]
    )
    quotes = Quote.objects.filter(producer=producer).select_related("request", "product")
    used = services.quotes_this_month(producer)
    return render(
        request,
        "trade/cooperative.html",
        {
            "producer": producer,
            "matches": matches,
            "quotes": quotes,
            "allowance": rule("monthly_quote_allowance"),
            "used": used,
        },
    )
