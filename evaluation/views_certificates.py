"""The public verification page, the certificate PDF, renewal and revocation, the annual cycle."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import OcopRating
from regions import units

from . import certificates, roles, stats
from .forms import RevokeForm
from .models import Certificate, Dossier, State
from .views import _refused

ACTION_STATES = {
    State.SUBMITTED: "commune",
    State.COMMUNE_CHECKED: "province",
    State.PROVINCE_SCORING: "council",
    State.PROVINCE_DECIDED: "central",
    State.CENTRAL_SCORING: "council",
}


def verify(request, number):
    """Public: what the live record says about a certificate number, whatever a PDF claims."""
    certificate = Certificate.objects.select_related("producer", "product").filter(
        number=number
    ).first() or _recorded_rating(number)
    if certificate is None:
        raise Http404
    status = certificate.status()
    context = {
        "certificate": certificate,
        "status": status,
        "valid": status == Certificate.Status.VALID,
        "revoked": status == Certificate.Status.REVOKED,
        "expired": status == Certificate.Status.EXPIRED,
        "stars": range(certificate.stars),
    }
    response = render(request, "evaluation/verify.html", context)
    response["Cache-Control"] = "no-cache"
    return response


@dataclass
class RecordedRating:
    """A certificate the alliance recorded by hand on a product (before this cycle ran here)."""

    number: str
    product: object
    producer: object
    product_name: str
    stars: int
    score: int
    authority_name: str
    decision_number: str
    issued_on: object
    expires_on: object
    revoked: bool
    revoked_on = None
    revocation_decision = ""
    revocation_reason = ""

    def status(self) -> str:
        if self.revoked:
            return Certificate.Status.REVOKED
        if self.expires_on and self.expires_on < timezone.localdate():
            return Certificate.Status.EXPIRED
        return Certificate.Status.VALID


def _recorded_rating(number: str) -> RecordedRating | None:
    rating = (
        OcopRating.objects.select_related("product", "product__producer")
        .filter(certificate_number=number, issued_on__isnull=False)
        .first()
    )
    if rating is None or not rating.is_certifiable:
        return None
    product = rating.product
    return RecordedRating(
        number=number,
        product=product,
        producer=product.producer,
        product_name=product.title,
        stars=rating.stars,
        score=rating.score,
        authority_name=rating.authority_name or rating.get_authority_display(),
        decision_number=rating.decision_number,
        issued_on=rating.issued_on,
        expires_on=rating.expires_on,
        revoked=rating.revoked,
    )


def _visible_certificate(request, number) -> Certificate:
    certificate = get_object_or_404(Certificate, number=number)
    if not Dossier.objects.visible_to(request.user).filter(pk=certificate.dossier_id).exists():
        raise Http404
    return certificate


@login_required
def certificate_pdf(request, number):
    from .pdf import render as render_pdf

    certificate = _visible_certificate(request, number)
    response = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    return response


@login_required
def renew(request, number):
    """Start (or reopen) the renewal dossier, filled in from the certified one."""
    certificate = _visible_certificate(request, number)
    if not (roles.is_owner(request.user, certificate.dossier) or request.user.is_staff):
        raise Http404
    if request.method != "POST":
        return render(request, "evaluation/renew.html", {"certificate": certificate})
    try:
        dossier = certificates.start_renewal(certificate, request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(certificate.dossier)
    return redirect(dossier)


@login_required
def revoke(request, number):
    certificate = _visible_certificate(request, number)
    if not certificates.may_revoke(request.user, certificate):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificates.revoke(certificate, request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Certificate revoked."))
            return redirect(certificate)
    return render(request, "evaluation/revoke.html", {"certificate": certificate, "form": form})


@login_required
def cycle(request):
    """Per province and year: how many dossiers in each state, and those waiting for someone."""
    allowed = roles.province_codes_for(request.user)
    if allowed is not None and not allowed:
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2018 <= year <= 2100:
        year = timezone.localdate().year
    province = request.GET.get("province") or None
    if allowed is not None:
        if province not in allowed:
            province = sorted(allowed)[0] if province is None else None
        if province is None:
            raise Http404
    elif province is not None and units.province(province) is None:
        province = None
    counts = stats.dossier_counts(province_code=province, year=year)
    todo = Dossier.objects.filter(year=year, state__in=list(ACTION_STATES))
    if province:
        todo = todo.filter(province_code=province)
    choices = units.provinces() if allowed is None else [units.province(c) for c in sorted(allowed)]
    context = {
        "year": year,
        "province": units.province(province) if province else None,
        "provinces": [p for p in choices if p],
        "rows": [(value, label, counts[value]) for value, label in State.choices],
        "total": sum(counts.values()),
        "todo": todo.select_related("producer").order_by("state", "submitted_at")[:200],
    }
    return render(request, "evaluation/cycle.html", context)
