"""Oscar's order views: staff's; a cooperative's user is sent to its shipments pages, the one
way it handles an order (`ShipmentsForCooperativesMixin`).

Should a cooperative reach them anyway, they stay scoped: Oscar lets a partner user open any order that holds one of its lines, then shows every
line of that order and the whole order's totals, and lets it change the order's status.
Here a partner user (non-staff) sees and acts on its own lines only, and its own subtotal.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import views
from oscar.core.loading import get_model

from lib import exports
from lib.ids import valid_ids
from order import statuses

from ..bulk import SelectedIdsMixin
from .status import OrderDetailStatusMixin, OrderListStatusMixin

Line = get_model("order", "Line")
Shipment = get_model("order", "Shipment")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")

STAFF_ONLY = _("Only alliance staff can change the whole order.")


def is_partner_scoped(user) -> bool:
    return not user.is_staff


def own_lines_q(user) -> Q:
    return Q(partner__users=user)


class ShipmentsForCooperativesMixin:
    """One way for a cooperative to handle an order: its shipments (order/fulfilment.py).

    Oscar's order pages (with UPCs, supplier SKUs, payment events and whole-order actions)
    stay with staff; a cooperative's user is sent to the matching shipments page. The
    partner scoping below still holds should one of these views be reached another way.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_partner_scoped(request.user):
            return redirect(self.shipments_url(request, **kwargs))
        return super().dispatch(request, *args, **kwargs)

    def shipments_url(self, request, **kwargs) -> str:
        return reverse("order-fulfilment:list")


class OrderListRedirectMixin(ShipmentsForCooperativesMixin):
    def shipments_url(self, request, **kwargs) -> str:
        url = reverse("order-fulfilment:list")
        return url + "?format=csv" if request.GET.get("response_format") == "csv" else url


class OrderDetailRedirectMixin(ShipmentsForCooperativesMixin):
    def shipments_url(self, request, number=None, **kwargs) -> str:
        shipment = (
            Shipment.objects.filter(order__number=number, partner__users=request.user)
            .order_by("pk")
            .first()
        )
        if shipment is None:
            raise Http404
        return reverse("order-fulfilment:shipment", args=[shipment.pk])


class OrderListView(
    OrderListRedirectMixin, SelectedIdsMixin, OrderListStatusMixin, views.OrderListView
):
    def get_actions(self):
        actions = super().get_actions()
        if is_partner_scoped(self.request.user):
            # Changing an order's status changes other cooperatives' lines too.
            actions = {k: v for k, v in actions.items() if k != "change_order_statuses"}
        return actions

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if is_partner_scoped(user):
            subtotal = (
                Line.objects.filter(own_lines_q(user), order=OuterRef("pk"))
                .values("order")
                .annotate(total=Sum("line_price_incl_tax"))
                .values("total")
            )
            queryset = queryset.annotate(partner_total_incl_tax=Subquery(subtotal))
        return queryset

    def get_search_filter_descriptions(self):
        """Oscar's "Order status is awaiting-transfer" names the status by its label."""
        descriptions = super().get_search_filter_descriptions()
        status = self.form.cleaned_data.get("status") if self.form.is_valid() else None
        if not status:
            return descriptions
        coded = _("Order status is {order_status}").format(order_status=status)
        labelled = _("Order status is {order_status}").format(order_status=statuses.label(status))
        return [labelled if str(text) == str(coded) else text for text in descriptions]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ctx.get("form")
        if form is not None and "status" in form.fields:
            # Oscar offers the codes ("awaiting-transfer"); the reader gets their labels.
            form.fields["status"].choices = [("", "---------")] + [
                (status, statuses.label(status)) for status in Order.all_statuses()
            ]
        if is_partner_scoped(self.request.user):
            # Display only (never saved): the list's total column shows the cooperative's share.
            for order in ctx["orders"]:
                order.total_incl_tax = order.partner_total_incl_tax or Decimal(0)
        return ctx

    def get_row_values(self, order):
        """One row of the CSV download (Oscar uses these only there), written by `lib.exports`:
        the status's label, the local time, and buyer-typed names that cannot start a formula."""
        row = super().get_row_values(order)
        row["status"] = order.get_status_display()
        row["date"] = order.date_placed
        if is_partner_scoped(self.request.user):
            row["value"] = order.partner_total_incl_tax or Decimal(0)
        return {column: exports.cell(value) for column, value in row.items()}


class OrderDetailView(OrderDetailRedirectMixin, OrderDetailStatusMixin, views.OrderDetailView):
    partner_order_actions = ("save_note",)

    def get_order_lines(self):
        lines = super().get_order_lines()
        if is_partner_scoped(self.request.user):
            lines = lines.filter(own_lines_q(self.request.user))
        return lines

    def handle_line_action(self, request, order, action):
        """Oscar sends the posted line ids to the database and reads each line's quantity
        unchecked: an id that is no line, or a line without a quantity, is refused first."""
        posted = request.POST.getlist("selected_line")
        lines = valid_ids(posted)
        if len(lines) != len(posted) or any(
            f"selected_line_qty_{pk}" not in request.POST for pk in lines
        ):
            return self.reload_page(error=_("Invalid lines requested"))
        return super().handle_line_action(request, order, action)

    def handle_order_action(self, request, order, action):
        if is_partner_scoped(request.user) and action not in self.partner_order_actions:
            return self.reload_page(error=STAFF_ONLY)
        return super().handle_order_action(request, order, action)

    def get_order_note_form(self):
        note_id = self.kwargs.get("note_id")
        if note_id and is_partner_scoped(self.request.user):
            # A cooperative edits its own notes only, never staff's or another cooperative's.
            get_object_or_404(OrderNote, order=self.object, id=note_id, user=self.request.user)
        return super().get_order_note_form()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["partner_scope"] = is_partner_scoped(user)
        if ctx["partner_scope"]:
            lines = list(ctx["lines"])
            ctx["lines"] = lines
            ctx["partner_subtotal_incl_tax"] = sum(
                (line.line_price_incl_tax for line in lines), Decimal(0)
            )
            ctx["partner_subtotal_excl_tax"] = sum(
                (line.line_price_excl_tax for line in lines), Decimal(0)
            )
            own = {line.pk for line in lines}
            ctx["partner_shipping_events"] = [
                (event, [q for q in event.line_quantities.all() if q.line_id in own])
                for event in self.object.shipping_events.prefetch_related("line_quantities__line")
            ]
            ctx["partner_shipping_events"] = [
                (e, qs) for e, qs in ctx["partner_shipping_events"] if qs
            ]
            ctx["partner_notes"] = self.object.notes.filter(
                Q(user__partners__in=user.partners.all()) | Q(user=user)
            ).distinct()
            # Its own shipments, each with its charge and a link to the page that moves it.
            ctx["partner_shipments"] = self.object.shipments.filter(partner__users=user)
        return ctx


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        user = self.request.user
        if is_partner_scoped(user) and not user.partners.filter(pk=line.partner_id).exists():
            raise Http404
        return line


class ShippingAddressUpdateView(views.ShippingAddressUpdateView):
    """Staff only (see apps.py): a mixed order's one address is every cooperative's delivery."""

    def dispatch(self, request, *args, **kwargs):
        if is_partner_scoped(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrderStatsView(views.OrderStatsView):
    """Oscar sums whole orders; a cooperative's figures count its own lines only."""

    def get_stats(self, filters):
        user = self.request.user
        if not is_partner_scoped(user):
            return super().get_stats(filters)
        lines = Line.objects.filter(
            own_lines_q(user), **{f"order__{lookup}": value for lookup, value in filters.items()}
        )
        orders = Order.objects.filter(pk__in=lines.values("order"))
        return {
            "total_orders": orders.count(),
            "total_lines": lines.count(),
            "total_revenue": lines.aggregate(total=Sum("line_price_incl_tax"))["total"]
            or Decimal(0),
            "order_status_breakdown": orders.order_by("status")
            .values("status")
            .annotate(freq=Count("id")),
        }
