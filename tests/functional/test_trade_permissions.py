"""Who sees what: a buyer only its organisation's requests' quotes, a cooperative only its own
quotes, nobody a buyer's identity or contacts before a quote is accepted. Everything else is a 404."""

from __future__ import annotations

import pytest

from tests import trade
from tests.flows import signed_in
from trade.models import SourcingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    category, [(coop_a, product_a), (coop_b, product_b)] = trade.sector_with_cooperatives(2)
    org = trade.organisation()
    other_org = trade.organisation(name="Nhà hàng Sen", tax_code="0309999999")
    rfq = trade.open_request(org, category)
    quote_a = trade.quote(rfq, coop_a, product_a)
    quote_b = trade.quote(rfq, coop_b, product_b)
    draft = SourcingRequest.objects.create(
        organisation=org, title="Bản nháp", category=category, description="-", quantity=5,
        unit="kg", delivery_province_code=trade.HANOI,
    )  # fmt: skip
    return {
        "rfq": rfq, "draft": draft, "quote_a": quote_a, "quote_b": quote_b,
        "buyer": signed_in(org.members.first()),
        "other_buyer": signed_in(other_org.members.first()),
        "coop_a": signed_in(coop_a.users.first()),
        "coop_b": signed_in(coop_b.users.first()),
        "org": org,
    }  # fmt: skip


def test_a_cooperative_sees_only_its_own_quote(world):
    a, b = world["quote_a"], world["quote_b"]
    assert world["coop_a"].get(f"/trade/quotes/{a.pk}/").status_code == 200
    for path in (f"/trade/quotes/{b.pk}/", f"/trade/quotes/{b.pk}/edit/",
                 f"/trade/quotes/{b.pk}/accept/"):  # fmt: skip
        assert world["coop_a"].get(path).status_code == 404, path
    assert world["coop_a"].post(f"/trade/quotes/{b.pk}/", {"body": "x"}).status_code == 404
    assert world["coop_a"].get(f"/trade/requests/{world['rfq'].pk}/quotes/").status_code == 404


def test_another_buyer_sees_no_quote_of_this_request(world):
    rfq, a = world["rfq"], world["quote_a"]
    other = world["other_buyer"]
    assert other.get(f"/trade/requests/{rfq.pk}/quotes/").status_code == 404
    assert other.get(f"/trade/quotes/{a.pk}/").status_code == 404
    assert other.post(f"/trade/quotes/{a.pk}/accept/", trade.ACCEPT_FORM).status_code == 404
    assert other.post(f"/trade/requests/{rfq.pk}/close/").status_code == 404
    assert other.get(f"/trade/requests/{world['draft'].pk}/").status_code == 404
    assert other.get(f"/trade/requests/{world['draft'].pk}/edit/").status_code == 404


def test_the_buyer_sees_its_quotes_but_cannot_edit_them(world):
    a = world["quote_a"]
    assert world["buyer"].get(f"/trade/requests/{world['rfq'].pk}/quotes/").status_code == 200
    assert world["buyer"].get(f"/trade/quotes/{a.pk}/").status_code == 200
    assert world["buyer"].get(f"/trade/quotes/{a.pk}/edit/").status_code == 404


def test_anonymous_visitors_see_open_requests_only(world, anonymous_client):
    assert anonymous_client.get(f"/trade/requests/{world['rfq'].pk}/").status_code == 200
    assert anonymous_client.get(f"/trade/requests/{world['draft'].pk}/").status_code == 404
    response = anonymous_client.get(f"/trade/quotes/{world['quote_a'].pk}/")
    assert response.status_code in (302, 404)  # to the sign-in page


def test_staff_pages_are_for_staff(world):
    assert world["buyer"].get("/trade/staff/").status_code == 302
    response = world["coop_a"].post(f"/trade/staff/organisations/{world['org'].pk}/verify/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_contacts_are_hidden_until_a_quote_is_accepted(world):
    org = world["org"]
    for client in (world["coop_a"], world["coop_b"]):
        for path in (f"/trade/requests/{world['rfq'].pk}/", f"/trade/quotes/{world['quote_a'].pk}/",
                     "/trade/", "/trade/cooperative/"):  # fmt: skip
            page = client.get(path).content.decode()
            assert org.name not in page and org.contact_email not in page, path
            assert org.contact_phone not in page, path
    board = world["other_buyer"].get("/trade/").content.decode()
    assert world["rfq"].title in board and org.name not in board
