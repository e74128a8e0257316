"""GS1 numbers handed out at once, with real threads: never the same GLN or SSCC twice."""

from __future__ import annotations

import pytest

from tests.concurrency import each_at_once
from tests.factories import CooperativeFactory, remove_cooperatives
from traceability import gs1
from traceability.models import Party, Place

THREADS = 6


@pytest.fixture
def party(committed_db):
    """A cooperative with a prefix, committed so that every thread's connection sees it."""
    partner = CooperativeFactory()
    party = Party.for_partner(partner)
    party.set_prefix("8939990")
    yield party
    Place.objects.filter(party=party).delete()
    Party.objects.filter(pk=party.pk).delete()
    remove_cooperatives(partner)


def test_units_packed_at_once_get_distinct_ssccs(party):
    ssccs = each_at_once(lambda i: Party.objects.get(pk=party.pk).allocate_sscc(), THREADS)
    assert len(set(ssccs)) == THREADS and all(gs1.is_valid_sscc(s) for s in ssccs)
    assert Party.objects.get(pk=party.pk).next_sscc == THREADS + 1


def test_places_added_at_once_get_distinct_glns(party):
    def add(i: int) -> str:
        place = Place(party=Party.objects.get(pk=party.pk), kind="field", name=f"Lô {i}")
        place.save()
        return place.gln

    glns = each_at_once(add, THREADS)
    assert len(set(glns)) == THREADS and all(gs1.is_valid_gln(g) for g in glns)
    assert party.gln not in glns  # location reference 0 is the party's own
