"""A signed-in person's consents, data and complaints; staff's overdue lists and figures.

Everyone sees only their own: another person's request or complaint is a 404.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oscar.core.loading import get_model

from . import complaints, consent, personal_data, requests
from .forms import ComplaintForm, ConsentForm, DataRequestForm, DecisionForm, EscalateForm
from .models import Complaint, DataRequest

Line = get_model("order", "Line")


@login_required
@require_http_methods(["GET", "POST"])
def consents(request):
    form = ConsentForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "compliance/consents.html", {"form": form}, status=400)
        changed = consent.set_choices(request.user, form.wanted())
        if changed:
            messages.success(request, _("Your choices are saved and apply at once."))
        return redirect("compliance:consents")
    return render(
        request,
        "compliance/consents.html",
        {"form": form, "history": request.user.consent_records.all()[:50]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    form = DataRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "compliance/my_data.html", _my_data_context(request, form), status=400
            )
        data = form.cleaned_data
        done = requests.receive(request.user, data["kind"], data.get("details", ""))
        if done.kind == DataRequest.Kind.DELETION:
            logout(request)
            messages.success(request, _("Your account and personal data are deleted."))
            return redirect("/")
        messages.success(request, _("Your request is received; we have e-mailed you its deadline."))
        return redirect("compliance:request", pk=done.pk)
    return render(request, "compliance/my_data.html", _my_data_context(request, form))


def _my_data_context(request, form):
    return {"form": form, "data_requests": DataRequest.objects.filter(user=request.user)}


@login_required
def request_detail(request, pk: int):
    found = get_object_or_404(DataRequest, pk=pk, user=request.user)
    return render(request, "compliance/request_detail.html", {"data_request": found})


@login_required
def export_json(request):
    requests.record_export(request.user)
    data = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def export_html(request):
    requests.record_export(request.user)
    data = personal_data.export(request.user)
    return render(
        request, "compliance/export.html", {"sections": personal_data.titled(data), "data": data}
    )


# Complaints


@login_required
def complaint_list(request):
    found = Complaint.objects.for_user(request.user).select_related("order", "line", "partner")
    return render(request, "compliance/complaint_list.html", {"complaints": found[:200]})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request, line_id: int):
    line = get_object_or_404(
        Line.objects.select_related("order", "partner"), pk=line_id, order__user=request.user
    )
    form = ComplaintForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()), line=line
    )
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "compliance/complaint_new.html", {"form": form, "line": line}, status=400
            )
        data = form.cleaned_data
        complaint = complaints.open_complaint(
            line,
            request.user,
            reason=data["reason"],
            description=data["description"],
            wanted=data["wanted"],
            quantity=data["quantity"],
            photos=[data["photo"]] if data.get("photo") else [],
        )
        messages.success(request, _("Your complaint is sent to the cooperative."))
        return redirect("compliance:complaint", pk=complaint.pk)
    return render(request, "compliance/complaint_new.html", {"form": form, "line": line})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request, pk: int):
    complaint = get_object_or_404(
        Complaint.objects.for_user(request.user).select_related("order", "line", "partner"), pk=pk
    )
    decision = DecisionForm(prefix="decide")
    escalation = EscalateForm(prefix="escalate")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decide" and complaints.may_decide(complaint, request.user):
                decision = DecisionForm(request.POST, prefix="decide")
                if decision.is_valid():
                    complaints.decide(complaint, request.user, **decision.cleaned_data)
                    messages.success(request, _("The decision is recorded and e-mailed."))
                    return redirect("compliance:complaint", pk=pk)
            elif action == "escalate" and complaint.buyer_id == request.user.pk:
                escalation = EscalateForm(request.POST, prefix="escalate")
                if escalation.is_valid():
                    complaints.escalate(
                        complaint, by=request.user, note=escalation.cleaned_data["note"]
                    )
                    messages.success(
                        request, _("The marketplace's staff will look at your complaint.")
                    )
                    return redirect("compliance:complaint", pk=pk)
            else:
                messages.error(request, _("This step is not open to you."))
        except complaints.NotAllowed:
            messages.error(request, _("This step is not open to you."))
        status = 400
    else:
        status = 200
    context = {
        "complaint": complaint,
        "events": [(e, complaints.step_label(e.kind)) for e in complaint.events.all()],
        "decision": decision,
        "escalation": escalation,
        "may_decide": complaints.may_decide(complaint, request.user),
        "may_escalate": complaint.buyer_id == request.user.pk
        and complaint.status != Complaint.Status.ESCALATED,
    }
    return render(request, "compliance/complaint_detail.html", context, status=status)


# Staff


@staff_member_required
def overdue(request):
    now = timezone.now()
    context = {
        "data_requests": DataRequest.objects.overdue(now).select_related("user"),
        "unacknowledged": DataRequest.objects.filter(
            acknowledged_at__isnull=True, acknowledge_by__lt=now
        ),
        "complaints": Complaint.objects.filter(
            Q(status=Complaint.Status.ESCALATED)
            | Q(status=Complaint.Status.OPEN, respond_by__lt=now)
        ).select_related("order", "partner"),
    }
    return render(request, "compliance/overdue.html", context)


@staff_member_required
def complaint_figures(request):
    rows = (
        Complaint.objects.values("partner__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status=Complaint.Status.OPEN)),
            escalated=Count("pk", filter=Q(escalated_at__isnull=False)),
            refunded=Count("pk", filter=Q(outcome__in=["refund", "return"])),
            replaced=Count("pk", filter=Q(outcome="replacement")),
            rejected=Count("pk", filter=Q(outcome="rejected")),
        )
        .order_by("-total", "partner__name")
    )
    return render(request, "compliance/complaint_figures.html", {"rows": rows})


def render_export_html(data) -> str:
    return render_to_string(
        "compliance/export.html", {"sections": personal_data.titled(data), "data": data}
    )
