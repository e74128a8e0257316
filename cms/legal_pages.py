"""The legal pages' links and acceptances: a new version asks signed-in users to accept again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from compliance import personal_data

from .models import LegalAcceptance, LegalPage

LINKS_KEY = "cms:legal-links"


def live_pages():
    return LegalPage.objects.live().public().order_by("kind")


def links() -> list[dict]:
    """The footer's links: every live legal page, in the visitor's language (cached a minute)."""
    from django.utils.translation import get_language

    key = f"{LINKS_KEY}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = [
            {"kind": p.kind, "title": p.tr_title, "url": p.url, "version": p.version}
            for p in live_pages().specific()
        ]
        cache.set(key, found, 60)
    return found


def to_accept(user) -> list[LegalPage]:
    """The pages whose current version `user` has not accepted (signed-in users only)."""
    if not user.is_authenticated:
        return []
    pages = list(live_pages().filter(requires_acceptance=True).specific())
    if not pages:
        return []
    accepted = set(LegalAcceptance.objects.filter(user=user).values_list("kind", "version"))
    return [p for p in pages if (p.kind, p.version) not in accepted]


@login_required
@require_POST
def accept(request):
    """Accept the versions the form names; only current versions are recorded."""
    current = {p.kind: p.version for p in to_accept(request.user)}
    wanted = request.POST.getlist("version")
    accepted = 0
    for item in wanted:
        kind, _, version = item.partition(":")
        if current.get(kind) == version:
            LegalAcceptance.objects.get_or_create(user=request.user, kind=kind, version=version)
            accepted += 1
    if not accepted:
        return HttpResponseBadRequest()
    back = request.POST.get("next", "/")
    if (
        len(back) > 2000
        or not back.startswith("/")
        or any(ord(c) < 32 or ord(c) == 127 for c in back)
        or not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    ):
        back = "/"
    return HttpResponseRedirect(back)


def export_acceptances(user):
    return [
        {"page": a.kind, "version": a.version, "accepted_at": a.accepted_at}
        for a in LegalAcceptance.objects.filter(user=user)
    ]


def erase_acceptances(user, needles):
    LegalAcceptance.objects.filter(user=user).delete()


def register_personal_data() -> None:
    from django.utils.translation import gettext_lazy as _

    from .models import BoothRegistration, SessionRegistration

    def export_registrations(user):
        rows = [
            {
                "kind": "training",
                "session": str(r.session),
                "participant": r.participant_name,
                "phone": r.phone,
                "registered_at": r.created_at,
            }
            for r in SessionRegistration.objects.filter(user=user).select_related("session")
        ]
        rows += [
            {
                "kind": "fair_booth",
                "event": r.event.title,
                "contact": r.contact_name,
                "phone": r.contact_phone,
                "applied_at": r.created_at,
            }
            for r in BoothRegistration.objects.filter(applicant=user).select_related("event")
        ]
        return rows

    def erase_registrations(user, needles):
        SessionRegistration.objects.filter(user=user).delete()
        BoothRegistration.objects.filter(applicant=user).update(
            contact_name="", contact_phone="", note="", applicant=None
        )

    personal_data.register(
        "registrations",
        _("Registrations for fairs and training"),
        export_registrations,
        erase_registrations,
    )
    personal_data.register(
        "legal_acceptances", _("Accepted legal texts"), export_acceptances, erase_acceptances
    )
