"""Figures for the programme dashboard: applications, approvals and amounts, counted in the DB."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from .models import LoanApplication

Status = LoanApplication.Status
APPROVED = (Status.APPROVED, Status.DISBURSED)


def _figures():
    approved = Q(status__in=APPROVED)
    return {
        "applications": Count("pk"),
        "approved": Count("pk", filter=approved),
        "declined": Count("pk", filter=Q(status=Status.DECLINED)),
        "disbursed": Count("pk", filter=Q(status=Status.DISBURSED)),
        "requested_amount": Coalesce(Sum("amount"), 0),
        "approved_amount": Coalesce(Sum("approved_amount", filter=approved), 0),
    }


def application_figures(province_code: str | None = None) -> dict:
    """Submitted applications (drafts never count), in total, by province and by purpose.

    `{"applications", "approved", "declined", "disbursed", "requested_amount",
    "approved_amount", "by_province": [{"province_code", …}], "by_purpose": [{"purpose", …}]}`,
    amounts in whole VND; the province is the cooperative's.
    """
    queryset = LoanApplication.objects.exclude(status=Status.DRAFT)
    if province_code:
        queryset = queryset.filter(producer__province_code=province_code)
    figures = _figures()
    totals = queryset.aggregate(**figures)
    by_province = (
        queryset.values(province_code=F("producer__province_code"))
        .annotate(**figures)
        .order_by("province_code")
    )
    by_purpose = queryset.values("purpose").annotate(**figures).order_by("purpose")
    return {**totals, "by_province": list(by_province), "by_purpose": list(by_purpose)}
