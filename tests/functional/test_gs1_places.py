"""A cooperative's GS1 identity in its dashboard: prefix, party GLN, places; never another's."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from traceability import gs1
from traceability.models import Party, Place

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
BASE = "/dashboard/traceability"


@pytest.fixture
def partner_a(coop_a_user):
    return Partner.objects.get(users=coop_a_user)


@pytest.fixture
def partner_b(coop_b_user):
    return Partner.objects.get(users=coop_b_user)


def fresh_party(partner) -> Party:
    """The cooperative as it was before it entered a prefix (the demo gives it one)."""
    party = Party.for_partner(partner)
    Party.objects.filter(pk=party.pk).update(company_prefix="", gln="", next_location=1)
    party.places.update(gln="", location_reference=None)
    party.refresh_from_db()
    return party


def test_a_cooperative_without_a_prefix_is_told_how_it_still_traces(coop_a_client, partner_a):
    fresh_party(partner_a)
    page = coop_a_client.get(f"{BASE}/gs1/{partner_a.pk}/").content.decode()
    assert "Chưa có mã doanh nghiệp GS1" in page
    assert "urn:ocop:" in page and "ocop:fallbackIdentifiers" in page


def test_the_prefix_gives_the_party_gln_and_each_place_its_gln(coop_a_client, partner_a):
    party = fresh_party(partner_a)
    place = Place.objects.create(party=party, kind="field", name="Đồi chè số 3")
    assert place.gln == "" and place.uri() == f"urn:ocop:place:{place.pk}"
    prefix = next(u for u in partner_a.stockrecords.values_list("product__upc", flat=True))[:7]
    page = coop_a_client.get(f"{BASE}/gs1/{partner_a.pk}/")
    assert page.context["prefix_form"].initial["company_prefix"] == prefix  # from its GTINs

    response = coop_a_client.post(f"{BASE}/gs1/{partner_a.pk}/", {"company_prefix": prefix})
    assert response.status_code == 302
    party.refresh_from_db()
    place.refresh_from_db()
    assert party.gln == gs1.make_gln(prefix, 0) and gs1.is_valid_gln(party.gln)
    assert gs1.is_valid_gln(place.gln) and place.gln.startswith(prefix) and place.gln != party.gln
    assert place.uri() == f"https://id.gs1.org/414/{place.gln}"

    response = coop_a_client.post(
        f"{BASE}/gs1/{partner_a.pk}/places/new/",
        {"kind": "warehouse", "name": "Kho lạnh", "extension": "Phong-2"},
    )
    assert response.status_code == 302
    store = Place.objects.get(party=party, name="Kho lạnh")
    assert gs1.is_valid_gln(store.gln) and store.gln != place.gln
    assert store.uri().endswith(f"/414/{store.gln}/254/Phong-2")
    page = coop_a_client.get(f"{BASE}/gs1/{partner_a.pk}/").content.decode()
    assert party.gln in page and store.gln in page and "Kho lạnh" in page

    response = coop_a_client.post(
        f"{BASE}/places/{store.pk}/edit/", {"kind": "warehouse", "name": "Kho mát"}
    )
    assert response.status_code == 302
    store.refresh_from_db()
    assert store.name == "Kho mát" and gs1.is_valid_gln(store.gln)  # its number stays


def test_a_prefix_none_of_the_cooperatives_barcodes_starts_with_is_refused(
    coop_a_client, partner_a
):
    party = fresh_party(partner_a)
    for bad in ("1234567", "89x1000", "893"):
        response = coop_a_client.post(f"{BASE}/gs1/{partner_a.pk}/", {"company_prefix": bad})
        assert response.status_code == 400 and response.context["prefix_form"].errors
    party.refresh_from_db()
    assert party.company_prefix == "" and party.gln == ""


def test_another_cooperative_gets_404_on_every_gs1_page(coop_a_client, partner_b):
    party = Party.for_partner(partner_b)
    place = Place.objects.create(party=party, kind="shop", name="Cửa hàng B")
    before = (party.company_prefix, Place.objects.count(), Party.objects.count())
    for method, url, data in [
        ("get", f"{BASE}/gs1/{partner_b.pk}/", {}),
        ("post", f"{BASE}/gs1/{partner_b.pk}/", {"company_prefix": "8931001"}),
        ("get", f"{BASE}/gs1/{partner_b.pk}/places/new/", {}),
        ("post", f"{BASE}/gs1/{partner_b.pk}/places/new/", {"kind": "shop", "name": "X"}),
        ("get", f"{BASE}/places/{place.pk}/edit/", {}),
        ("post", f"{BASE}/places/{place.pk}/edit/", {"kind": "shop", "name": "Stolen"}),
        ("get", f"{BASE}/gs1/{partner_b.pk}/partners/new/", {}),
        ("post", f"{BASE}/gs1/{partner_b.pk}/partners/new/", {"name": "X"}),
    ]:
        response = getattr(coop_a_client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    party.refresh_from_db()
    place.refresh_from_db()
    assert place.name == "Cửa hàng B"
    assert before == (party.company_prefix, Place.objects.count(), Party.objects.count())


def test_a_journey_step_offers_only_the_cooperatives_own_places(
    coop_a_client, partner_a, partner_b
):
    from tests.factories import BatchFactory, ProductFactory

    batch = BatchFactory(product=ProductFactory(partner=partner_a), events=0, publish=False)
    theirs = Place.objects.create(party=Party.for_partner(partner_b), kind="shop", name="B")
    form = coop_a_client.get(f"{BASE}/batches/{batch.pk}/events/new/").context["form"]
    offered = set(form.fields["location"].queryset)
    assert offered and theirs not in offered
    assert all(p.party.partner_id == partner_a.pk for p in offered)
    response = coop_a_client.post(
        f"{BASE}/batches/{batch.pk}/events/new/",
        {"kind": "harvest", "occurred_at": "2025-06-28T07:30", "location": theirs.pk, "actor": "x"},
    )
    assert response.status_code == 200 and "location" in response.context["form"].errors
    assert not batch.events.exists()


def test_a_packing_step_gets_the_next_sscc_of_the_cooperative(partner_a):
    from tests.factories import BatchFactory, JourneyEventFactory, ProductFactory

    batch = BatchFactory(product=ProductFactory(partner=partner_a), events=0, publish=False)
    first = JourneyEventFactory(batch=batch, kind="packing")
    second = JourneyEventFactory(batch=batch, kind="packing")
    prefix = Party.for_partner(partner_a).company_prefix
    for event in (first, second):
        assert gs1.is_valid_sscc(event.sscc) and event.sscc[1:].startswith(prefix)
    assert int(second.sscc[1 + len(prefix) : -1]) == int(first.sscc[1 + len(prefix) : -1]) + 1


def test_the_batch_page_shows_each_steps_gln_receiver_and_sscc(coop_a_client, partner_a):
    from traceability.models import Batch

    batch = Batch.objects.published().filter(partner=partner_a, events__kind="shipping").first()
    page = coop_a_client.get(f"{BASE}/batches/{batch.pk}/").content.decode()
    shipping = batch.events.get(kind="shipping")
    packing = batch.events.get(kind="packing")
    assert f"GLN {shipping.location.gln}" in page
    assert f"đến {shipping.counterparty.display_name}" in page
    assert f"SSCC {packing.sscc}" in page and gs1.is_valid_sscc(packing.sscc)
