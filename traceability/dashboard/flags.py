"""Flagged unit codes: the list, and the review where a flag is cleared or raised again.

A cooperative reviews its own batches' codes, staff every cooperative's; another
cooperative's code is a 404. Each decision needs a reason and is kept (serials.FlagReview).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from ..forms import FlagReviewForm
from ..lookup import count_of
from ..models import Batch, Scan, Serial
from ..serials import FlagReview, clear_flag, may_clear, raise_flag_again

RECENT_REVIEWS = 20
REVIEW_SCANS = 50


def serials_for(user):
    """The unit codes a dashboard user may review: those of the batches they may see."""
    return Serial.objects.filter(batch__in=Batch.objects.for_user(user))


def with_scan_count(serials):
    return serials.annotate(
        scan_count=count_of(Scan.objects.filter(serial=OuterRef("pk")), "serial")
    )


class FlagListView(generic.ListView):
    """Serials that look copied: a cooperative sees its own, staff every cooperative's."""

    template_name = "traceability/dashboard/flag_list.html"
    context_object_name = "serials"
    paginate_by = 50

    def get_queryset(self):
        return with_scan_count(
            serials_for(self.request.user)
            .flagged()
            .select_related("batch", "batch__product", "batch__partner")
        ).order_by("-flagged_at")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["reviews"] = list(
            FlagReview.objects.filter(
                serial__in=serials_for(self.request.user), user__isnull=False
            ).select_related("serial", "serial__batch", "serial__batch__product", "user")[
                :RECENT_REVIEWS
            ]
        )
        return ctx


class FlagReviewView(generic.FormView):
    """One unit code: its scans, its flag's history, and the reviewer's decision."""

    template_name = "traceability/dashboard/flag_review.html"
    form_class = FlagReviewForm

    def get_serial(self) -> Serial:
        if not hasattr(self, "_serial"):
            serials = with_scan_count(
                serials_for(self.request.user).select_related(
                    "batch", "batch__product", "batch__partner"
                )
            )
            self._serial = get_object_or_404(serials, pk=self.kwargs["pk"])
        return self._serial

    def get_initial(self):
        serial = self.get_serial()
        action = FlagReview.Action.CLEARED if serial.flag else FlagReview.Action.FLAGGED
        return {"action": action}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        serial = self.get_serial()
        ctx["serial"] = serial
        ctx["batch"] = serial.batch
        ctx["since_review"] = serial.scan_count - serial.cleared_scans
        ctx["may_clear"] = not serial.flag or may_clear(serial, self.request.user)
        ctx["history"] = list(serial.reviews.select_related("user"))
        ctx["scans"] = list(serial.scans.order_by("-scanned_at")[:REVIEW_SCANS])
        return ctx

    def form_valid(self, form):
        serial = self.get_serial()
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == FlagReview.Action.CLEARED:
                clear_flag(serial, self.request.user, reason)
                messages.success(self.request, _("The flag is cleared: the code reads as genuine."))
            else:
                raise_flag_again(serial, self.request.user, reason)
                messages.success(self.request, _("The code is flagged: shoppers are warned."))
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        except ValidationError as refused:
            form.add_error(None, refused)
            return self.form_invalid(form)
        return redirect("dashboard:trace-flag-review", pk=serial.pk)
