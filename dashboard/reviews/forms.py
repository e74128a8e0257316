"""A cooperative's reply to a review of its product, and its report of a review to staff."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.reviews.forms import *  # noqa: F403
from oscar.core.loading import get_model

ProductReview = get_model("reviews", "ProductReview")
ReviewReport = get_model("reviews", "ReviewReport")


class ReviewReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your public reply"),
        max_length=ProductReview._meta.get_field("reply").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown under the review on the product page, as plain text."),
    )


class ReviewReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should staff look at this review?"),
        max_length=ReviewReport._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
