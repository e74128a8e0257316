"""Reviews in the dashboard: staff moderate; a cooperative answers or reports its products' reviews.

A cooperative never edits or deletes a buyer's review, nor changes its status: it replies
in public (one reply per review) or reports it to staff, who decide.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.dashboard.reviews import views
from oscar.core.loading import get_model

from catalogue.reviews.models import AlreadyReported

from ..tasks import unanswered_reviews
from .forms import ReviewReplyForm, ReviewReportForm

ProductReview = get_model("reviews", "ProductReview")
ReviewReport = get_model("reviews", "ReviewReport")


def own_reviews(user):
    """The reviews of products the user's cooperatives sell."""
    return ProductReview.objects.filter(product__stockrecords__partner__users=user).distinct()


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewListView(views.ReviewListView):
    """Staff see every review; a cooperative its own products' reviews, without bulk actions."""

    def get_actions(self):
        return super().get_actions() if self.request.user.is_staff else {}

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if not user.is_staff:
            queryset = queryset.filter(product__stockrecords__partner__users=user).distinct()
        if self.request.GET.get("unanswered") == "1":  # the home page's "reviews to answer"
            queryset = unanswered_reviews(queryset)
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.request.user.is_staff:
            ctx["open_report_count"] = ReviewReport.objects.open().count()
        return ctx


class ReviewUpdateView(StaffOnlyMixin, views.ReviewUpdateView):
    pass


class ReviewDeleteView(StaffOnlyMixin, views.ReviewDeleteView):
    pass


class CooperativeReviewMixin:
    """A review of one of the user's cooperative's products; any other is not found."""

    def get_review(self):
        review = get_object_or_404(own_reviews(self.request.user), pk=self.kwargs["pk"])
        self.partner = self.request.user.partners.filter(stockrecords__product=review.product)[0]
        return review


class ReviewReplyView(CooperativeReviewMixin, generic.FormView):
    """The review, read-only, with the cooperative's reply form and its report form."""

    template_name = "oscar/dashboard/reviews/review_reply.html"
    form_class = ReviewReplyForm

    def dispatch(self, request, *args, **kwargs):
        self.review = self.get_review()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"reply": self.review.reply}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["review"] = self.review
        ctx.setdefault("report_form", ReviewReportForm())
        ctx["open_report"] = self.review.reports.open().filter(partner=self.partner).first()
        return ctx

    def form_valid(self, form):
        self.review.answer(form.cleaned_data["reply"], partner=self.partner, user=self.request.user)
        messages.success(self.request, _("Your reply is published under the review."))
        return redirect("dashboard:reviews-reply", pk=self.review.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReviewReportView(ReviewReplyView):
    """POST only: report the review to staff, with a reason."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReviewReportForm(request.POST)
        if not form.is_valid():
            ctx = self.get_context_data(form=ReviewReplyForm(initial=self.get_initial()))
            ctx["report_form"] = form
            return self.render_to_response(ctx, status=400)
        try:
            self.review.report(form.cleaned_data["reason"], partner=self.partner, user=request.user)
        except AlreadyReported:
            messages.info(request, _("You already reported this review; staff will look at it."))
        else:
            messages.success(request, _("The review was reported to alliance staff."))
        return redirect("dashboard:reviews-reply", pk=self.review.pk)


class ReviewReportListView(StaffOnlyMixin, generic.ListView):
    """Staff: the reviews cooperatives reported, open ones first."""

    template_name = "oscar/dashboard/reviews/report_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        reports = ReviewReport.objects.select_related("review__product", "partner", "reported_by")
        if self.request.GET.get("resolved") == "1":
            return reports.filter(resolved_at__isnull=False)
        return reports.open()


class ReviewReportResolveView(StaffOnlyMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        report = get_object_or_404(ReviewReport.objects.open(), pk=pk)
        report.resolve(request.user)
        messages.success(request, _("The report is marked as handled."))
        return HttpResponseRedirect(reverse("dashboard:reviews-report-list"))
