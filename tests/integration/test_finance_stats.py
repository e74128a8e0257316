"""Figures for the programme dashboard: applications, approvals and amounts by province and
purpose, counted by the database; drafts never count."""

from __future__ import annotations

import pytest

from finance.models import LoanApplication
from finance.stats import application_figures
from tests import loans

pytestmark = pytest.mark.django_db
Status = LoanApplication.Status


@pytest.fixture
def spread():
    loans.two_provinces_of_applications()


def test_totals_by_province_and_purpose(spread, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        figures = application_figures()
    assert figures["applications"] == 4
    assert figures["approved"] == 2 and figures["declined"] == 1 and figures["disbursed"] == 1
    assert figures["requested_amount"] == 1100
    assert figures["approved_amount"] == 700
    provinces = {row["province_code"]: row for row in figures["by_province"]}
    assert provinces["01"]["applications"] == 2 and provinces["01"]["approved_amount"] == 400
    assert provinces["79"]["approved"] == 1 and provinces["79"]["requested_amount"] == 400
    purposes = {row["purpose"]: row for row in figures["by_purpose"]}
    assert purposes["investment"]["applications"] == 2
    assert purposes["investment"]["approved_amount"] == 700
    assert purposes["working_capital"]["declined"] == 1


def test_one_province(spread):
    figures = application_figures(province_code="79")
    assert figures["applications"] == 2
    assert [row["province_code"] for row in figures["by_province"]] == ["79"]
    empty = application_figures(province_code="02")
    assert empty["applications"] == 0 and empty["approved_amount"] == 0
