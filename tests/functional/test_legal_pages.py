"""Legal pages: in every page's footer, with their version; a new version of a text users
accept asks each signed-in user to accept it again."""

from __future__ import annotations

import pytest

from cms.models import LegalAcceptance, LegalPage

pytestmark = pytest.mark.django_db


def new_version(kind: str, version: str) -> LegalPage:
    page = LegalPage.objects.get(kind=kind)
    page.version = version
    page.save_revision().publish()
    return page


def test_every_page_links_the_legal_texts(client):
    html = client.get("/shop/catalogue/").content.decode()
    for page in LegalPage.objects.live():
        assert f'href="{page.url}"' in html
    rules = LegalPage.objects.get(kind="operating_rules")
    text = client.get(rules.url).content.decode()
    assert rules.version in text
    assert "Tiêu chí sắp xếp" in text  # the ranking criteria are published


def test_a_new_version_asks_signed_in_users_to_accept_it(buyer_client, buyer, anonymous_client):
    page = new_version("operating_rules", "2099-01")
    html = buyer_client.get("/shop/catalogue/").content.decode()
    assert 'value="operating_rules:2099-01"' in html
    assert "legal-prompt" not in anonymous_client.get("/shop/catalogue/").content.decode()

    response = buyer_client.post(
        "/legal/accept/",
        {"version": ["operating_rules:2099-01", "terms_of_sale:2026-07"], "next": "/shop/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/shop/"
    assert LegalAcceptance.objects.filter(
        user=buyer, kind="operating_rules", version="2099-01"
    ).exists()
    assert 'value="operating_rules:' not in buyer_client.get("/shop/catalogue/").content.decode()
    assert page.requires_acceptance


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": "operating_rules:1900-01"},  # not the current version
        {"version": "nonsense"},
        {"version": "privacy_notice:2026-07"},  # a notice, not accepted
    ],
)
def test_bad_acceptances_record_nothing(buyer_client, buyer, data):
    new_version("operating_rules", "2099-02")
    assert buyer_client.post("/legal/accept/", data).status_code == 400
    assert not LegalAcceptance.objects.filter(
        user=buyer, version__in=["1900-01", "2099-02"]
    ).exists()


def test_a_foreign_next_address_is_not_followed(buyer_client):
    new_version("operating_rules", "2099-03")
    response = buyer_client.post(
        "/legal/accept/", {"version": "operating_rules:2099-03", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_product_page_names_the_seller(client):
    from tests.factories import ProductFactory

    product = ProductFactory()
    producer = product.producer
    html = client.get(product.get_absolute_url()).content.decode()
    for value in (
        producer.name,
        producer.registration_number,
        producer.email,
        producer.representative,
    ):
        assert value in html


@pytest.mark.parametrize(
    "back", ["/shop/\r\nSet-Cookie: x=1", "/shop/\x00", "/" + "a" * 3000, "junk"]
)
def test_a_malformed_next_address_goes_home(buyer_client, back):
    new_version("operating_rules", "2099-04")
    response = buyer_client.post(
        "/legal/accept/", {"version": "operating_rules:2099-04", "next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
