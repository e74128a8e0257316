"""The public board: filters, pagination, and a constant number of queries however many
requests are open."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import trade
from trade.models import SourcingRequest

pytestmark = pytest.mark.django_db


def many_open(org, category, count: int, **fields):
    now = timezone.now()
    SourcingRequest.objects.bulk_create(
        SourcingRequest(
            organisation=org, category=category, title=f"Yêu cầu {i}", description="-",
            quantity=10 * (i + 1), unit="kg", delivery_province_code=trade.HANOI,
            status="open", opened_at=now - datetime.timedelta(minutes=i),
            expires_at=now + datetime.timedelta(days=7), **fields,
        )
        for i in range(count)
    )  # fmt: skip


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_board_costs_the_same_queries_for_5_or_120_requests(anonymous_client):
    category, _ = trade.sector_with_cooperatives(0)
    org = trade.organisation()
    many_open(org, category, 5)
    queries_for(anonymous_client, "/trade/")  # the site's menus are cached from then on
    few = queries_for(anonymous_client, "/trade/")
    filtered_few = queries_for(anonymous_client, f"/trade/?sector={category.pk}&page=1")
    many_open(org, category, 115)
    assert queries_for(anonymous_client, "/trade/") == few
    assert queries_for(anonymous_client, f"/trade/?sector={category.pk}&page=3") == filtered_few


def test_filters_and_pagination(anonymous_client):
    category, _ = trade.sector_with_cooperatives(0)
    other, _ = trade.sector_with_cooperatives(0)
    org = trade.organisation()
    many_open(org, category, 25, certifications="|organic|", min_stars=4)
    many_open(org, other, 1, min_stars=0)
    SourcingRequest.objects.filter(category=other).update(title="Gạo ST25 xuất khẩu")

    page = anonymous_client.get(f"/trade/?sector={category.pk}").content.decode()
    assert "Gạo ST25" not in page and "Yêu cầu 0<" in page and "Yêu cầu 24<" not in page
    page2 = anonymous_client.get(f"/trade/?sector={category.pk}&page=2").content.decode()
    assert "Yêu cầu 24<" in page2
    organic = anonymous_client.get(f"/trade/?sector={other.pk}&certification=organic")
    assert "Gạo ST25" not in organic.content.decode()
    three_star = anonymous_client.get(f"/trade/?sector={category.pk}&stars=3").content.decode()
    assert "Yêu cầu 0<" not in three_star
    big = anonymous_client.get(f"/trade/?sector={category.pk}&min_quantity=245").content.decode()
    assert "Yêu cầu 24<" in big and "Yêu cầu 23<" not in big
    assert anonymous_client.get("/trade/?min_quantity=abc&page=x&sector=zz").status_code == 200


def test_a_product_page_offers_a_wholesale_quote_to_signed_in_buyers(anonymous_client):
    from tests.flows import signed_in

    category, [(partner, product)] = trade.sector_with_cooperatives(1)
    org = trade.organisation()
    buyer = signed_in(org.members.first())
    page = buyer.get(product.get_absolute_url()).content.decode()
    link = f"/trade/requests/new/?product={product.pk}"
    assert link in page
    assert link not in anonymous_client.get(product.get_absolute_url()).content.decode()
    form = buyer.get(link).content.decode()
    assert product.title in form and partner.producer.name in form
    buyer.post(link, {**trade.request_form(category), "submit": "1"})
    rfq = SourcingRequest.objects.get(organisation=org)
    assert rfq.producer == partner.producer and rfq.product == product
