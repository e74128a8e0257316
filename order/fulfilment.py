"""Per-cooperative fulfilment in the dashboard: each cooperative moves its own shipments."""

from __future__ import annotations

import datetime

from django import forms, http
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from lib import exports

from . import emails
from .statuses import AWAITING_DELIVERY_PAYMENT, AWAITING_TRANSFER, Source

Shipment = get_model("order", "Shipment")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
BankTransferNotification = get_model("payment", "BankTransferNotification")
RefundDue = get_model("order", "RefundDue")


class ShipmentActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(s.value, s.label) for s in Shipment.Status] + [("collect_cash", "")]
    )
    carrier = forms.CharField(label=gettext_lazy("Carrier"), max_length=100, required=False)
    tracking_number = forms.CharField(
        label=gettext_lazy("Tracking number"), max_length=100, required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for cancelling"), max_length=1000, required=False
    )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == Shipment.Status.SHIPPED and not (
            cleaned.get("carrier") and cleaned.get("tracking_number")
        ):
            raise forms.ValidationError(_("Give the carrier and the tracking number."))
        if action == Shipment.Status.CANCELLED and not cleaned.get("reason"):
            raise forms.ValidationError(_("Give a reason for cancelling."))
        return cleaned


class ShipmentNoteForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write the note first.")},
    )

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write the note first."))
        return message


def can_use_dashboard(user) -> bool:
    return user.is_staff or (user.has_perm("partner.dashboard_access") and user.partners.exists())


def visible_shipments(user):
    shipments = Shipment.objects.select_related("order", "partner", "order__shipping_address")
    if user.is_staff:
        return shipments
    return shipments.filter(partner__users=user)


def dashboard_view(view):
    @login_required(login_url="/dashboard/login/")
    def wrapped(request, *args, **kwargs):
        if not can_use_dashboard(request.user):
            raise http.Http404
        return view(request, *args, **kwargs)

    return wrapped


@dashboard_view
def shipment_list(request):
    shipments = visible_shipments(request.user).order_by("-order__date_placed")
    status = request.GET.get("status", "")
    if status in Shipment.Status.values:
        shipments = shipments.filter(status=status)
    if request.GET.get("format") == "csv":
        return shipments_csv(shipments)
    ctx = {"shipments": shipments[:200], "statuses": Shipment.Status.choices, "status": status}
    if request.user.is_staff:
        ctx["awaiting_transfers"] = Order.objects.filter(
            payment_method="bank_transfer", status=AWAITING_TRANSFER, paid_at__isnull=True
        ).order_by("-date_placed")[:100]
        ctx["refunds_due"] = RefundDue.objects.filter(resolved_at__isnull=True).count()
        ctx["notifications"] = BankTransferNotification.objects.filter(
            result=BankTransferNotification.Result.MISMATCH, reviewed=False
        ).select_related("order")[:100]
    return render(request, "oscar/dashboard/shipments/list.html", ctx)


def shipments_csv(shipments):
    """The list as a spreadsheet (lib.exports): what the page shows, one row a shipment."""
    header = [
        _("Order"),
        _("Cooperative"),
        _("Placed"),
        _("Goods"),
        _("Shipping"),
        _("Payment method"),
        _("Status"),
        _("Carrier"),
        _("Tracking number"),
    ]
    rows = (
        [
            s.order.number,
            s.partner_name,
            s.order.date_placed,
            s.subtotal,
            s.shipping_charge,
            s.order.get_payment_method_display(),
            s.get_status_display(),
            s.carrier,
            s.tracking_number,
        ]
        for s in shipments.iterator(chunk_size=500)
    )
    return exports.csv_response("shipments.csv", header, rows)


@dashboard_view
def shipment_detail(request, pk: int):
    shipment = get_object_or_404(visible_shipments(request.user), pk=pk)
    note_form = ShipmentNoteForm()
    if request.method == "POST" and request.POST.get("action") == "note":
        note_form = ShipmentNoteForm(request.POST)
        if add_note(request, shipment, note_form):
            return redirect("order-fulfilment:shipment", pk=shipment.pk)
    form = ShipmentActionForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") != "note":
        if form.is_valid():
            error = apply_action(shipment, form.cleaned_data, user=request.user)
            if error:
                messages.error(request, error)
            else:
                messages.success(request, _("Shipment updated."))
                return redirect("order-fulfilment:shipment", pk=shipment.pk)
        else:
            for error in form.non_field_errors():
                messages.error(request, error)
    ctx = {
        "shipment": shipment,
        "order": shipment.order,
        "lines": shipment.lines.select_related("product"),
        "form": form,
        "confirm_by": confirm_by(shipment),
        "notes": shipment.notes().select_related("user"),
        "note_form": note_form if not request.user.is_staff else None,
    }
    return render(request, "oscar/dashboard/shipments/detail.html", ctx)


def add_note(request, shipment, form: ShipmentNoteForm) -> bool:
    """A note of the cooperative on its part of the order, kept as Oscar's order note; staff
    write theirs on the order's page (Oscar's), where they see every note."""
    if request.user.is_staff:
        messages.error(request, _("Staff write notes on the order's page."))
        return False
    if not form.is_valid():
        return False
    OrderNote.objects.create(
        order=shipment.order,
        user=request.user,
        note_type=OrderNote.INFO,
        message=form.cleaned_data["message"],
    )
    messages.success(request, _("Note saved."))
    return True


def confirm_by(shipment):
    """When a guest's cash-on-delivery order expires unless the cooperative confirms it."""
    order = shipment.order
    if (
        shipment.status != Shipment.Status.PENDING
        or order.payment_method != "cod"
        or order.user_id is not None
        or order.status != AWAITING_DELIVERY_PAYMENT
    ):
        return None
    return order.date_placed + datetime.timedelta(hours=settings.OCOP_COD_CONFIRM_HOURS)


def apply_action(shipment, data, user=None) -> str | None:
    """Apply one action; a message when it is not allowed now."""
    action = data["action"]
    by = {"by": user, "source": Source.STAFF if user and user.is_staff else Source.COOPERATIVE}
    with transaction.atomic():
        # The order's row first, as Order.transition locks it: expiry, a transfer and this
        # wait for one another instead of deadlocking.
        Order.objects.select_for_update().filter(pk=shipment.order_id).first()
        shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if action == "collect_cash":
            if (
                shipment.order.payment_method != "cod"
                or shipment.status != Shipment.Status.DELIVERED
            ):
                return _("Cash is collected on delivery of a cash-on-delivery order.")
            if shipment.cash_collected_at:
                return _("The cash was already collected.")
            shipment.collect_cash(**by)
            return None
        if not shipment.can_move_to(action):
            return _("A shipment that is %(status)s cannot become %(new)s.") % {
                "status": shipment.get_status_display().lower(),
                "new": Shipment.Status(action).label.lower(),
            }
        shipment.move_to(
            action,
            carrier=data.get("carrier", ""),
            tracking_number=data.get("tracking_number", ""),
            reason=data.get("reason", ""),
            **by,
        )
        transaction.on_commit(lambda: emails.send_shipment_update(shipment.pk), robust=True)
    return None


@require_POST
@dashboard_view
def mark_paid(request, number: str):
    """Staff record a bank transfer they checked by hand."""
    if not request.user.is_staff:
        raise http.Http404
    order = get_object_or_404(Order, number=number)
    if order.mark_paid(
        reference=f"manual:{request.user.pk}",
        event_name="Bank transfer (checked by staff)",
        by=request.user,
        source=Source.STAFF,
    ):
        BankTransferNotification.objects.filter(order=order).update(reviewed=True)
        messages.success(request, _("Order %(number)s is marked paid.") % {"number": order.number})
    else:
        messages.error(
            request,
            _("Order %(number)s was already paid or is cancelled.") % {"number": order.number},
        )
    return redirect("order-fulfilment:list")
