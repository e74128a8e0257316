"""The dashboard menu's "Trade connection" entry: a cooperative finds its matches and quotes,
staff the moderation queue and the buyers to verify; neither sees the other's entries."""

from __future__ import annotations

import pytest

from tests import trade

pytestmark = pytest.mark.django_db


def test_a_cooperative_finds_its_trade_page_in_the_dashboard_menu(coop_a_client):
    page = coop_a_client.get("/dashboard/").content.decode()
    assert 'href="/trade/cooperative/"' in page
    assert "Kết nối cung cầu" in page and "Yêu cầu phù hợp và báo giá của chúng tôi" in page
    assert 'href="/trade/staff/"' not in page
    assert 'href="/trade/staff/organisations/"' not in page
    assert coop_a_client.get("/trade/cooperative/").status_code == 200


def test_staff_find_the_moderation_queue_and_the_buyers_to_verify(staff_client):
    page = staff_client.get("/dashboard/").content.decode()
    assert 'href="/trade/staff/"' in page and 'href="/trade/staff/organisations/"' in page
    assert "Hàng chờ kiểm duyệt" in page
    assert 'href="/trade/cooperative/"' not in page


def test_the_buyers_to_verify_page_lists_pending_organisations_for_staff_only(
    staff_client, coop_a_client
):
    trade.organisation(verified=False, name="Chuỗi Bếp Việt", tax_code="0108888888")
    trade.organisation(name="Siêu thị Đã Duyệt", tax_code="0107777777")
    page = staff_client.get("/trade/staff/organisations/").content.decode()
    assert "Chuỗi Bếp Việt" in page and "Siêu thị Đã Duyệt" not in page
    assert "Người mua chờ xác minh" in page
    assert coop_a_client.get("/trade/staff/organisations/").status_code != 200
