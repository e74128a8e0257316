"""The dashboard's home page: a cooperative's tasks first (dashboard/tasks.py), then money
figures, which a cooperative sees for its own lines only."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

from django.db.models import F, Sum
from django.utils.timezone import now
from oscar.apps.dashboard import views
from oscar.core.loading import get_model

from .tasks import cooperative_tasks

Line = get_model("order", "Line")


class IndexView(views.IndexView):
    """Oscar sums whole orders for partner users too, which would show a cooperative
    what other cooperatives sold in a mixed order: those figures are recomputed here
    from the cooperative's own order lines."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tasks"] = cooperative_tasks(self.request.user)  # what needs doing, first
        return ctx

    def get_stats(self):
        stats = super().get_stats()
        user = self.request.user
        if user.is_staff:
            return stats
        lines = Line.objects.filter(partner__users=user)
        last_day = lines.filter(order__date_placed__gt=now() - timedelta(hours=24))
        revenue_last_day = self._revenue(last_day)
        orders_last_day = stats["total_orders_last_day"]
        stats.update(
            total_revenue=self._revenue(lines),
            total_revenue_last_day=revenue_last_day,
            average_order_costs=revenue_last_day / orders_last_day if orders_last_day else D("0"),
            # Oscar's report reads date_placed and total_incl_tax: give the lines both.
            hourly_report_dict=self.get_hourly_report(
                lines.annotate(
                    date_placed=F("order__date_placed"), total_incl_tax=F("line_price_incl_tax")
                )
            ),
        )
        return stats

    @staticmethod
    def _revenue(lines) -> D:
        return lines.aggregate(total=Sum("line_price_incl_tax"))["total"] or D("0")
