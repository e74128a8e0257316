"""Staff change an order's status in the dashboard through `Order.transition`.

Oscar's views call `set_status`, which changes the status alone: a cancelled order kept its
stock and its shipments, a paid one had no `paid_at`. Here the order detail page and the
order list's bulk action both go through `Order.transition` (what the move does, an audit row
with who and why), and a move that is not allowed comes back as a message, never an error.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from order import statuses
from order.statuses import PAID, Source
from order.transitions import Payment


class OrderStatusForm(forms.Form):
    """Oscar's form, with the statuses named in the reader's language and a reason."""

    # Offers the statuses the order may take now; any status is accepted here, so that one
    # that is no longer allowed (another change came first) gets the state machine's reason.
    new_status = forms.CharField(label=gettext_lazy("New order status"), widget=forms.Select)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Shown to the buyer in the order's history."),
    )

    def __init__(self, order, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = [(status, statuses.label(status)) for status in order.available_statuses()]
        self.fields["new_status"].widget.choices = self.choices

    def clean_new_status(self) -> str:
        status = self.cleaned_data["new_status"]
        if status not in statuses.PIPELINE:
            raise forms.ValidationError(_("Choose one of the statuses offered."))
        return status

    @property
    def has_choices(self) -> bool:
        return bool(self.choices)


def change_status(request, order, new_status: str, reason: str = "") -> bool:
    """Move one order for a staff user; a message either way. Whether it moved."""
    payment = None
    if new_status == PAID:
        payment = Payment(reference=f"staff:{request.user.pk}", event_name="Marked paid by staff")
    outcome = order.transition(
        new_status, by=request.user, source=Source.STAFF, reason=reason, payment=payment
    )
    if outcome.refused:
        messages.error(request, outcome.refused)
        return False
    messages.success(
        request,
        _("Order %(number)s: %(old)s → %(new)s.")
        % {
            "number": order.number,
            "old": statuses.label(outcome.from_status),
            "new": order.get_status_display(),
        },
    )
    return True


class OrderDetailStatusMixin:
    """For Oscar's OrderDetailView: the status form and its action."""

    def get_order_status_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return OrderStatusForm(order=self.object, data=data)

    def change_order_status(self, request, order):
        form = self.get_order_status_form()
        if not form.is_valid():
            return self.reload_page(error=_("Choose one of the statuses offered."))
        change_status(request, order, form.cleaned_data["new_status"], form.cleaned_data["reason"])
        return self.reload_page()


class OrderListStatusMixin:
    """For Oscar's OrderListView: the bulk "change status" action, order by order."""

    def change_order_status(self, request, order):
        new_status = request.POST.get("new_status", "").strip()
        if not new_status:
            messages.error(request, _("Choose a new status."))
            return
        change_status(request, order, new_status)
