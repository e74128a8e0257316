"""Staff's moderation queue: buyers to verify, requests to review, held messages, reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ReasonForm
from .models import AuditEntry, Message, Organisation, Report, SourcingRequest


@staff_member_required
def organisations(request):
    """The buyer organisations waiting for staff to verify them (the dashboard menu's entry)."""
    return render(
        request,
        "trade/staff_organisations.html",
        {
            "organisations": Organisation.objects.filter(status=Organisation.Status.PENDING),
            "reason_form": ReasonForm(),
        },
    )


@staff_member_required
def queue(request):
    return render(
        request,
        "trade/staff_queue.html",
        {
            "organisations": Organisation.objects.filter(status=Organisation.Status.PENDING),
            "requests": SourcingRequest.objects.filter(status=SourcingRequest.Status.PENDING)
            .select_related("organisation", "category")
            .order_by("submitted_at"),
            "held": Message.objects.filter(held=True).select_related(
                "quote__request", "quote__producer", "sender"
            ),
            "reports": Report.objects.filter(resolved_at__isnull=True).select_related(
                "quote__request", "request", "reporter"
            ),
            "audit": AuditEntry.objects.select_related("actor").order_by("-created_at", "-pk")[:30],
            "reason_form": ReasonForm(),
        },
    )


def _reason(request) -> str | None:
    form = ReasonForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["reason"]
    messages.error(request, _("Give a reason."))
    return None


@staff_member_required
@require_POST
def organisation_action(request, pk, action):
    organisation = get_object_or_404(Organisation, pk=pk)
    if action == "verify":
        services.verify_organisation(organisation, by=request.user)
        messages.success(request, _("%(name)s is verified.") % {"name": organisation.name})
    elif action == "reject":
        reason = _reason(request)
        if reason:
            services.reject_organisation(organisation, by=request.user, reason=reason)
    return redirect("trade:staff")


@staff_member_required
@require_POST
def request_action(request, pk, action):
    rfq = get_object_or_404(SourcingRequest.objects.select_related("organisation"), pk=pk)
    try:
        if action == "approve":
            services.approve_request(rfq, by=request.user)
            messages.success(request, _("The request is open on the board."))
        elif action == "return":
            reason = _reason(request)
            if reason:
                services.return_request(rfq, by=request.user, note=reason)
    except services.Refused as refused:
        messages.error(request, refused.message)
    return redirect("trade:staff")


@staff_member_required
@require_POST
def message_action(request, pk, action):
    message = get_object_or_404(Message.objects.select_related("quote__request"), pk=pk, held=True)
    if action == "release":
        services.release_message(message, by=request.user)
    elif action == "reject":
        services.reject_message(message, by=request.user)
    return redirect("trade:staff")


@staff_member_required
@require_POST
def report_resolve(request, pk):
    entry = get_object_or_404(Report, pk=pk, resolved_at__isnull=True)
    services.resolve_report(entry, by=request.user)
    return redirect("trade:staff")
