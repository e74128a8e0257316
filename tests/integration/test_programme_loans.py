"""The programme dashboard's loan figures: the finance app's applications by purpose, in scope."""

from __future__ import annotations

import datetime

import pytest

from finance.models import LoanApplication
from programme import report
from programme.filters import Scope
from tests import loans

pytestmark = pytest.mark.django_db
Status = LoanApplication.Status
YEAR = (datetime.date(2026, 1, 1), datetime.date(2027, 1, 1))


@pytest.fixture
def applications():
    loans.two_provinces_of_applications(unit=1_000_000)


def rows(scope: Scope) -> dict[str, list]:
    return {row[0]: row[1:] for row in report.build(scope).table("loans").rows}


def test_loans_by_purpose_for_the_whole_country(applications):
    loans = rows(Scope(*YEAR, None))
    # Purpose: applications, approved, declined, requested, approved amount (drafts left out).
    assert loans["Đầu tư"] == [2, 2, 0, 800_000_000, 700_000_000]
    assert loans["Vốn lưu động"] == [2, 0, 1, 300_000_000, 0]
    assert loans["Dự án chuỗi giá trị"] == [0, 0, 0, 0, 0]
    assert len(loans) == 4


def test_a_province_sees_only_its_cooperatives_loans(applications):
    loans = rows(Scope(*YEAR, ("79",)))
    assert loans["Đầu tư"] == [1, 1, 0, 300_000_000, 300_000_000]
    assert loans["Vốn lưu động"] == [1, 0, 0, 100_000_000, 0]
