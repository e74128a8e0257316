"""A processing step names the lots it was made from by their codes, another cooperative's too."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from tests.factories import BatchFactory, ProductFactory, place_for, trading_partner_of
from tests.flows import path_of
from traceability.models import Party

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
BASE = "/dashboard/traceability"


@pytest.fixture
def partners(coop_a_user, coop_b_user):
    return Partner.objects.get(users=coop_a_user), Partner.objects.get(users=coop_b_user)


def step(partner, **extra) -> dict:
    return {
        "kind": "processing",
        "occurred_at": "2025-06-28T07:30",
        "location": place_for(partner).pk,
        "actor": "Tổ chế biến",
        **extra,
    }


def test_a_lot_of_another_cooperative_goes_in_by_its_code_and_both_pages_link(
    coop_a_client, client, partners
):
    mine, theirs = partners
    supplier = BatchFactory(product=ProductFactory(partner=theirs), lot="B-CHE-1")
    made = BatchFactory(
        product=ProductFactory(partner=mine), lot="A-TRA-1", events=0, publish=False
    )
    codes = f"{supplier.uri}\n\n{supplier.uri}"  # pasted twice, with a blank line
    response = coop_a_client.post(
        f"{BASE}/batches/{made.pk}/events/new/", step(mine, input_codes=codes)
    )
    assert response.status_code == 302
    event = made.events.get()
    assert list(event.input_batches.all()) == [supplier]
    assert event.place == event.location.get_name()  # the place's name when no words are given
    coop_a_client.post(f"{BASE}/batches/{made.pk}/publish/")
    made.refresh_from_db()

    made_page = client.get(path_of(made.uri)).content.decode()
    assert "Làm từ" in made_page and f'href="{supplier.uri}"' in made_page
    supplier_page = client.get(path_of(supplier.uri)).content.decode()
    assert "Được dùng để làm" in supplier_page and f'href="{made.uri}"' in supplier_page


def test_codes_that_name_no_published_lot_or_the_batch_itself_are_refused(coop_a_client, partners):
    mine, theirs = partners
    draft = BatchFactory(product=ProductFactory(partner=theirs), lot="B-DRAFT-9", publish=False)
    made = BatchFactory(
        product=ProductFactory(partner=mine), lot="A-TRA-2", events=0, publish=False
    )
    for codes in (
        "https://example.com/01/00000000000000/10/X",
        f"{made.code_uri()}",  # itself
        f"/01/{draft.product_gtin(draft.product)}/10/B-DRAFT-9",  # a draft is not public
        "/t/NOSUCHCODE",
    ):
        response = coop_a_client.post(
            f"{BASE}/batches/{made.pk}/events/new/", step(mine, input_codes=codes)
        )
        assert response.status_code == 200 and "input_codes" in response.context["form"].errors
    assert not made.events.exists()


def test_only_processing_takes_inputs_and_transfers_name_the_other_party(coop_a_client, partners):
    mine, theirs = partners
    supplier = BatchFactory(product=ProductFactory(partner=theirs), lot="B-CHE-2")
    made = BatchFactory(
        product=ProductFactory(partner=mine), lot="A-TRA-3", events=0, publish=False
    )
    url = f"{BASE}/batches/{made.pk}/events/new/"
    response = coop_a_client.post(url, step(mine, kind="storage", input_codes=supplier.uri))
    assert "input_codes" in response.context["form"].errors
    response = coop_a_client.post(url, step(mine, kind="shipping"))
    assert "counterparty" in response.context["form"].errors
    shop = trading_partner_of(mine)
    other_coop = Party.for_partner(theirs)
    offered = set(response.context["form"].fields["counterparty"].queryset)
    assert {shop, other_coop} <= offered and Party.for_partner(mine) not in offered
    assert (
        coop_a_client.post(url, step(mine, kind="shipping", counterparty=shop.pk)).status_code
        == 302
    )
    assert made.events.get().counterparty == shop


def test_a_trading_partner_is_recorded_with_or_without_its_gln(coop_a_client, partners):
    mine, _theirs = partners
    url = f"{BASE}/gs1/{mine.pk}/partners/new/"
    response = coop_a_client.post(url, {"name": "Siêu thị X", "gln": "9506000134308"})
    assert response.status_code == 200 and "gln" in response.context["form"].errors
    assert (
        coop_a_client.post(url, {"name": "Siêu thị X", "gln": "9506000134307"}).status_code == 302
    )
    assert coop_a_client.post(url, {"name": "Chợ phiên"}).status_code == 302
    recorded = {p.name: p for p in Party.objects.filter(owner=mine)}
    assert recorded["Siêu thị X"].uri() == "https://id.gs1.org/417/9506000134307"
    assert recorded["Chợ phiên"].uri() == f"urn:ocop:party:x{recorded['Chợ phiên'].pk}"


def test_staff_see_every_cooperatives_gs1_page(staff_client, partners):
    mine, theirs = partners
    listing = staff_client.get(f"{BASE}/gs1/").content.decode()
    assert mine.name in listing and theirs.name in listing
    assert staff_client.get(f"{BASE}/gs1/{theirs.pk}/").status_code == 200
