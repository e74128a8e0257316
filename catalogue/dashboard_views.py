"""OCOP ratings in the dashboard: certificates about to expire, for alliance staff (all) and
each cooperative (its own), and the rating editor, for alliance staff only."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .forms import OcopRatingDashboardForm
from .models import today
from .rating_rules import current_rules
from .services import expiring_for_user

Product = get_model("catalogue", "Product")
OcopRating = get_model("catalogue", "OcopRating")


@login_required
def expiring_certificates(request):
    user = request.user
    if not (user.is_staff or user.has_perm("partner.dashboard_access")):
        raise PermissionDenied
    on = today()
    ratings = list(expiring_for_user(user, on)[:500])
    for rating in ratings:
        rating.days_left = rating.days_to_expiry(on)
    return render(
        request,
        "oscar/dashboard/catalogue/ocop_expiring.html",
        {"ratings": ratings, "days": current_rules().reminder_days},
    )


@login_required
def ratings(request):
    """The way in from the dashboard's menu: find a product, then record or correct its rating."""
    if not request.user.is_staff:
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    products = Product.objects.exclude(structure="child").select_related("ocop_rating")
    products = products.order_by("title")
    if query:
        products = products.filter(title__icontains=query)
    return render(
        request,
        "oscar/dashboard/catalogue/ocop_ratings.html",
        {"products": products[:50], "query": query},
    )


@login_required
def edit_rating(request, product_pk: int):
    """Record or correct a product's rating. Ratings are decided by the authority and recorded
    by alliance staff: a cooperative may not rate even its own products."""
    if not request.user.is_staff:
        raise PermissionDenied
    product = get_object_or_404(Product, pk=product_pk)
    rating = OcopRating.objects.filter(product=product).first() or OcopRating(product=product)
    # What is stored, to show beside the form: an invalid form leaves its input on `rating`.
    saved = None if rating.pk is None else copy.copy(rating)
    if request.method == "POST":
        form = OcopRatingDashboardForm(request.POST, request.FILES, instance=rating)
        if form.is_valid():
            rating = form.save()
            if saved is None:
                message = _("The OCOP rating of “%(product)s” was recorded: %(stars)s★.")
            else:
                message = _("The OCOP rating of “%(product)s” was saved: %(stars)s★.")
            messages.success(request, message % {"product": product.title, "stars": rating.stars})
            return redirect("ocop:rating", product_pk=product.pk)
    else:
        form = OcopRatingDashboardForm(instance=rating)
    rules = current_rules()
    authorities = dict(OcopRating.Authority.choices)
    bands = [
        (stars, min_score, authorities.get(rules.authority_for(stars), ""))
        for min_score, stars in rules.bands
    ]
    return render(
        request,
        "oscar/dashboard/catalogue/ocop_rating_form.html",
        {"product": product, "rating": saved, "form": form, "rules": rules, "bands": bands},
    )
