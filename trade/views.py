"""The board and a buyer's pages: organisation, requests, comparing quotes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from producers.models import Certification

from . import services
from .access import (
    may_read_request_attachment,
    organisation_of,
    own_request,
    producer_of,
    visible_request,
)
from .audit import audit
from .forms import BoardFilterForm, OrganisationForm, ReasonForm, RequestForm
from .models import Quote, SourcingRequest
from .rules import rule

Product = get_model("catalogue", "Product")


def board(request):
    form = BoardFilterForm(request.GET or None)
    requests = form.filter(SourcingRequest.objects.open().for_board())
    page = Paginator(requests, rule("board_page_size")).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "trade/board.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "producer": producer_of(request.user),
        },
    )


def request_detail(request, pk):
    rfq = visible_request(request.user, pk)
    organisation = organisation_of(request.user)
    mine = organisation is not None and organisation.pk == rfq.organisation_id
    producer = producer_of(request.user)
    own_quote = Quote.objects.filter(request=rfq, producer=producer).first() if producer else None
    return render(
        request,
        "trade/request_detail.html",
        {
            "rfq": rfq,
            "mine": mine or request.user.is_staff,
            "producer": producer,
            "own_quote": own_quote,
            "can_quote": producer is not None and own_quote is None and rfq.is_open(),
            "report_form": ReasonForm(),
            "may_read_attachment": bool(rfq.attachment)
            and may_read_request_attachment(request.user, rfq),
        },
    )


@login_required
def register_organisation(request):
    if organisation_of(request.user) is not None:
        return redirect("trade:mine")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.register_organisation(request.user, **form.cleaned_data)
        messages.success(
            request, _("Your organisation is registered. Staff will verify it; we will e-mail you.")
        )
        return redirect("trade:mine")
    return render(request, "trade/organisation_form.html", {"form": form})


@login_required
def mine(request):
    organisation = organisation_of(request.user)
    if organisation is None:
        return redirect("trade:register")
    requests = organisation.requests.select_related("category").order_by("-created_at")
    return render(request, "trade/mine.html", {"organisation": organisation, "requests": requests})


def _initial_from_product(request) -> dict:
    from lib.ids import as_id

    pk = as_id(request.GET.get("product"))
    product = (
        Product.objects.filter(pk=pk, is_public=True).select_related("producer").first()
        if pk
        else None
    )
    if product is None:
        return {}
    category = product.categories.order_by("path").first()
    return {
        "product": product,
        "initial": {
            "title": product.get_title(),
            "category": category.pk if category else None,
        },
    }


@login_required
def request_new(request):
    organisation = organisation_of(request.user)
    if organisation is None:
        messages.info(request, _("Register your organisation as a trade buyer first."))
        return redirect("trade:register")
    prefill = _initial_from_product(request)
    form = RequestForm(request.POST or None, request.FILES or None, initial=prefill.get("initial"))
    if request.method == "POST" and form.is_valid():
        rfq = form.save(commit=False)
        rfq.organisation, rfq.created_by = organisation, request.user
        product = prefill.get("product")
        if product is not None:
            rfq.product, rfq.producer = product, product.producer
        rfq.save()
        audit("request.created", request.user, request=rfq)
        return _after_save(request, rfq)
    return render(
        request, "trade/request_form.html", {"form": form, "product": prefill.get("product")}
    )


def _after_save(request, rfq):
    if "submit" in request.POST:
        try:
            services.submit_request(rfq, by=request.user)
        except services.Refused as refused:
            messages.error(request, refused.message)
            return redirect("trade:request-edit", pk=rfq.pk)
        if rfq.status == SourcingRequest.Status.OPEN:
            messages.success(request, _("Your request is open on the board."))
        else:
            messages.success(request, _("Your request waits for review by staff."))
    else:
        messages.success(request, _("Draft saved."))
    return redirect("trade:request", pk=rfq.pk)


@login_required
def request_edit(request, pk):
    rfq = own_request(request.user, pk)
    if not rfq.is_editable:
        messages.error(request, _("This request is read-only now."))
        return redirect("trade:request", pk=rfq.pk)
    form = RequestForm(request.POST or None, request.FILES or None, instance=rfq)
    if request.method == "POST" and form.is_valid():
        rfq = form.save()
        audit("request.edited", request.user, request=rfq)
        if rfq.status == SourcingRequest.Status.PENDING:
            messages.success(request, _("Changes saved; the request still waits for review."))
            return redirect("trade:request", pk=rfq.pk)
        return _after_save(request, rfq)
    return render(request, "trade/request_form.html", {"form": form, "rfq": rfq})


@login_required
@require_POST
def request_close(request, pk):
    rfq = own_request(request.user, pk)
    try:
        if request.POST.get("action") == "cancel":
            services.cancel_request(rfq, by=request.user)
        else:
            services.close_request(rfq, SourcingRequest.CloseReason.BUYER, by=request.user)
    except services.Refused as refused:
        messages.error(request, refused.message)
    return redirect("trade:request", pk=rfq.pk)


@login_required
def compare(request, pk):
    rfq = own_request(request.user, pk)
    quotes = list(
        rfq.quotes.select_related("producer", "product__ocop_rating", "order").prefetch_related(
            Prefetch("producer__certifications", queryset=Certification.objects.order_by("kind"))
        )
    )
    return render(request, "trade/compare.html", {"rfq": rfq, "quotes": quotes})


@login_required
@require_POST
def request_report(request, pk):
    rfq = visible_request(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong in a few words."))
    else:
        services.report(by=request.user, reason=form.cleaned_data["reason"], rfq=rfq)
        messages.success(request, _("Thank you: staff will look at your report."))
    return redirect("trade:request", pk=rfq.pk)
