"""Refunds due, for staff: money that arrived for an order it could not pay.

A transfer for an order already cancelled (expired, or cancelled by staff or its
cooperatives), or a second payment for an order already paid, is recorded by
`Order.transition` as a `RefundDue`. Staff give the money back, then mark it refunded here.
Cooperatives never see these pages (404).
"""

from __future__ import annotations

from django import forms, http
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from .fulfilment import dashboard_view

RefundDue = get_model("order", "RefundDue")


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("How the money went back"), max_length=500, required=False
    )


def staff_only(view):
    @dashboard_view
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise http.Http404
        return view(request, *args, **kwargs)

    return wrapped


@staff_only
def refund_list(request):
    refunds = RefundDue.objects.select_related("order", "resolved_by")
    ctx = {
        "open_refunds": refunds.filter(resolved_at__isnull=True)[:200],
        "resolved_refunds": refunds.filter(resolved_at__isnull=False).order_by("-resolved_at")[:50],
        "form": ResolveForm(),
    }
    return render(request, "oscar/dashboard/shipments/refunds.html", ctx)


@require_POST
@staff_only
def resolve(request, pk: int):
    """Staff gave the money back."""
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long."))
        return redirect("order-fulfilment:refunds")
    with transaction.atomic():
        refund = RefundDue.objects.select_for_update().filter(pk=pk).first()
        if refund is None:
            raise http.Http404
        if refund.resolved_at is not None:
            messages.error(request, _("This refund was already marked refunded."))
            return redirect("order-fulfilment:refunds")
        refund.resolved_at = timezone.now()
        refund.resolved_by = request.user
        refund.note = form.cleaned_data["note"]
        refund.save(update_fields=["resolved_at", "resolved_by", "note"])
    messages.success(
        request,
        _("The refund for order %(number)s is marked refunded.") % {"number": refund.order.number},
    )
    return redirect("order-fulfilment:refunds")
