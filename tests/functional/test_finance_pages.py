"""Loan programmes on the public site: a page per programme with its published terms, and a
listing filtered by province and purpose; editors change the terms in the CMS admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.models import HomePage, LoanProgrammeIndexPage, LoanProgrammePage
from finance.models import LoanProgramme
from tests.factories import FundFactory, LoanProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    home = HomePage.objects.first()
    page = LoanProgrammeIndexPage(title="Vay vốn thử", slug="vay-von-thu")
    home.add_child(instance=page)
    return page


def publish(index, programme, slug):
    page = LoanProgrammePage(title=programme.name, slug=slug, programme=programme)
    index.add_child(instance=page)
    return page


@pytest.fixture
def pages(index):
    central = LoanProgrammeFactory(name="Đầu tư trung ương", purpose="investment")
    hanoi = LoanProgrammeFactory(
        name="Vốn lưu động Hà Nội",
        purpose="working_capital",
        fund=FundFactory(province_code="01"),
    )
    hcm = LoanProgrammeFactory(
        name="Vốn lưu động TP.HCM",
        purpose="working_capital",
        fund=FundFactory(province_code="79"),
    )
    return {
        "central": publish(index, central, "dau-tu"),
        "hanoi": publish(index, hanoi, "ha-noi"),
        "hcm": publish(index, hcm, "hcm"),
    }


def titles(response) -> set[str]:
    return {page.title for page in response.context["programme_pages"]}


def test_the_listing_filters_by_province_and_purpose(
    client, index, pages, django_assert_max_num_queries
):
    assert titles(client.get(index.url)) == {
        "Đầu tư trung ương",
        "Vốn lưu động Hà Nội",
        "Vốn lưu động TP.HCM",
    }
    # A province sees the central fund's programmes and its own.
    assert titles(client.get(index.url, {"province": "01"})) == {
        "Đầu tư trung ương",
        "Vốn lưu động Hà Nội",
    }
    assert titles(client.get(index.url, {"province": "79", "purpose": "working_capital"})) == {
        "Vốn lưu động TP.HCM"
    }
    # Nonsense filters are ignored, never an error.
    response = client.get(index.url, {"province": "999", "purpose": "<script>"})
    assert response.status_code == 200 and len(titles(response)) == 3
    with django_assert_max_num_queries(25):
        client.get(index.url, {"province": "01"})


def test_a_programme_page_shows_its_published_terms(client, pages):
    response = client.get(pages["central"].url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1.000.000.000" in page  # the maximum, in dong
    assert "4,80" in page or "4.80" in page  # the rate
    assert "01/01/2026" in page  # the rate's effective date, as Vietnamese dates read
    assert "Phương án kinh doanh" in page and "Báo cáo tài chính" in page
    assert reverse("dashboard:finance-precheck") in page


def test_an_editor_changes_a_programme_in_the_cms_admin(staff_client, pages):
    programme = pages["central"].programme
    url = reverse("wagtailsnippets_finance_loanprogramme:edit", args=[programme.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    data = {
        "fund": programme.fund_id,
        "name": programme.name,
        "name_en": "",
        "purpose": "investment",
        "min_amount": "0",
        "max_amount": "2000000000",
        "max_term_months": "60",
        "interest_rate": "4.20",
        "rate_effective_from": "2026-07-01",
        "eligible_text": "",
        "eligible_text_en": "",
        "rules_code": "qhtpt-dau-tu",
        "collateral": "",
        "collateral_en": "",
        "required_documents": ["business_plan"],
        "contact": "",
        "is_open": "on",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    programme = LoanProgramme.objects.get(pk=programme.pk)
    assert programme.max_amount == 2_000_000_000
    assert str(programme.interest_rate) == "4.20"
    assert programme.required_documents == ["business_plan"]
    response = staff_client.post(url, {**data, "rules_code": "khong-co"})
    assert response.status_code == 200
    assert "rules_code" in response.context["form"].errors
