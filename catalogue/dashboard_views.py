"""Certificates about to expire, for alliance staff (all) and each cooperative (its own)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .models import today
from .rating_rules import current_rules
from .services import expiring_for_user


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
