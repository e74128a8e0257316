"""Which approved cooperatives a request should reach, ranked, each with the reasons.

A cooperative matches when it sells public products in the request's OCOP sector or when
the request is addressed to it; selling in the very group or sub-group asked for, being in
the delivery province, holding the required certifications and having products rated at
least the stars asked for raise its rank. A handful of queries, whatever the number of
cooperatives.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from producers.models import Certification, Producer

from .models import Block, Match

MAX_MATCHES = 50

ADDRESSED = "addressed"
GROUP = "group"
SECTOR = "sector"
PROVINCE = "province"
CERTIFIED = "certified"
STARS = "stars"

REASONS = {
    ADDRESSED: _("the request is addressed to your cooperative"),
    GROUP: _("you sell products in the group asked for"),
    SECTOR: _("you sell products in the same OCOP sector"),
    PROVINCE: _("you are in the delivery province"),
    CERTIFIED: _("you hold the certifications required"),
    STARS: _("your products have the OCOP stars required"),
}
POINTS = {ADDRESSED: 100, GROUP: 40, SECTOR: 15, PROVINCE: 20, CERTIFIED: 15, STARS: 10}


def reason_text(code: str) -> str:
    return str(REASONS.get(code, code))


def _sector_path(category) -> str:
    steplen = category.steplen
    return category.path[:steplen]


def find(rfq) -> list[tuple[Producer, int, list[str]]]:
    """(cooperative, score, reason codes), best first, at most MAX_MATCHES."""
    if rfq.category is None:  # its category was deleted from the taxonomy
        return []
    Product = get_model("catalogue", "Product")
    public = Product.objects.filter(is_public=True, producer__isnull=False)
    in_group = set(
        public.filter(categories__path__startswith=rfq.category.path).values_list(
            "producer_id", flat=True
        )
    )
    in_sector = set(
        public.filter(categories__path__startswith=_sector_path(rfq.category)).values_list(
            "producer_id", flat=True
        )
    )
    candidates = in_sector | ({rfq.producer_id} if rfq.producer_id else set())
    blocked = set(
        Block.objects.filter(organisation=rfq.organisation_id).values_list("producer_id", flat=True)
    )
    producers = {
        p.pk: p
        for p in Producer.objects.approved()
        .filter(pk__in=candidates - blocked)
        .select_related("partner")
    }
    held = defaultdict(set)
    wanted = set(rfq.certification_list)
    if wanted:
        today = timezone.localdate()
        for producer_id, kind in (
            Certification.objects.filter(producer_id__in=producers, kind__in=wanted)
            .exclude(expires_on__lt=today)
            .values_list("producer_id", "kind")
        ):
            held[producer_id].add(kind)
    rated = set()
    if rfq.min_stars:
        from catalogue.models import certified_rating_q

        rated = set(
            public.filter(categories__path__startswith=_sector_path(rfq.category))
            .filter(
                certified_rating_q(prefix="ocop_rating__"), ocop_rating__stars__gte=rfq.min_stars
            )
            .values_list("producer_id", flat=True)
        )
    found = []
    for pk, producer in producers.items():
        codes = []
        if pk == rfq.producer_id:
            codes.append(ADDRESSED)
        if pk in in_group:
            codes.append(GROUP)
        elif pk in in_sector:
            codes.append(SECTOR)
        if rfq.delivery_province_code and producer.province_code == rfq.delivery_province_code:
            codes.append(PROVINCE)
        if wanted and held[pk] >= wanted:
            codes.append(CERTIFIED)
        if rfq.min_stars and pk in rated:
            codes.append(STARS)
        found.append((producer, sum(POINTS[c] for c in codes), codes))
    found.sort(key=lambda item: (-item[1], item[0].name))
    return found[:MAX_MATCHES]


def record(rfq) -> list[Match]:
    """Store the ranked matches of a request that just opened (replacing any earlier ones)."""
    Match.objects.filter(request=rfq).delete()
    return Match.objects.bulk_create(
        Match(request=rfq, producer=producer, score=score, reasons=codes)
        for producer, score, codes in find(rfq)
    )
