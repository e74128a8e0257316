"""Who is who on the board: a user's buyer organisation and cooperative, and what each may see.

Objects another party owns are a 404, never a 403: their existence is not told.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from producers.models import Producer

from .models import Organisation, Quote, SourcingRequest

PUBLIC_STATES = (
    SourcingRequest.Status.OPEN,
    SourcingRequest.Status.CLOSED,
    SourcingRequest.Status.AWARDED,
)


def organisation_of(user) -> Organisation | None:
    if not user.is_authenticated:
        return None
    return Organisation.objects.filter(members=user).order_by("pk").first()


def producer_of(user) -> Producer | None:
    if not user.is_authenticated:
        return None
    return (
        Producer.objects.filter(partner__users=user)
        .select_related("partner")
        .order_by("pk")
        .first()
    )


def is_member(user, rfq: SourcingRequest) -> bool:
    return user.is_authenticated and rfq.organisation.members.filter(pk=user.pk).exists()


def visible_request(user, pk) -> SourcingRequest:
    """A request on the board, or the user's organisation's own in any state."""
    rfq = SourcingRequest.objects.select_related("organisation", "category").filter(pk=pk).first()
    if rfq is None:
        raise Http404
    if rfq.status in PUBLIC_STATES or user.is_staff or is_member(user, rfq):
        return rfq
    raise Http404


def own_request(user, pk) -> SourcingRequest:
    """A request of the user's organisation (staff too); anyone else's is a 404."""
    rfq = SourcingRequest.objects.select_related("organisation", "category").filter(pk=pk).first()
    if rfq is None or not (user.is_staff or is_member(user, rfq)):
        raise Http404
    return rfq


def quotes_for(user):
    """The quotes a user may read: its organisation's requests' and its cooperative's own."""
    if user.is_staff:
        return Quote.objects.all()
    return Quote.objects.filter(
        Q(request__organisation__members=user) | Q(producer__partner__users=user)
    ).distinct()


def visible_quote(user, pk) -> Quote:
    if not user.is_authenticated:
        raise Http404
    quote = (
        quotes_for(user)
        .select_related("request__organisation", "producer__partner", "product", "order")
        .filter(pk=pk)
        .first()
    )
    if quote is None:
        raise Http404
    return quote


def side_of(user, quote: Quote) -> str | None:
    """ "buyer", "cooperative" or None (staff reading)."""
    if is_member(user, quote.request):
        return "buyer"
    if quote.producer.partner_id and quote.producer.partner.users.filter(pk=user.pk).exists():
        return "cooperative"
    return None


def may_read_request_attachment(user, rfq: SourcingRequest) -> bool:
    """The request's parties: its organisation, staff, and cooperatives matched to it or quoting."""
    if not user.is_authenticated:
        return False
    if user.is_staff or is_member(user, rfq):
        return True
    if rfq.status not in PUBLIC_STATES:
        return False
    return (
        rfq.matches.filter(producer__partner__users=user).exists()
        or rfq.quotes.filter(producer__partner__users=user).exists()
    )
