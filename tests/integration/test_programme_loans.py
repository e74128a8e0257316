"""The programme dashboard's loan figures: the finance app's applications by purpose, in scope."""

from __future__ import annotations

import datetime

import pytest

from finance.models import LoanApplication
from programme import report
from programme.filters import Scope
from tests.factories import LoanApplicationFactory, LoanProgrammeFactory, ProducerFactory

pytestmark = pytest.mark.django_db
Status = LoanApplication.Status
YEAR = (datetime.date(2026, 1, 1), datetime.date(2027, 1, 1))


def application(producer, programme, status, amount, approved=None):
    return LoanApplicationFactory(
        producer=producer,
        programme=programme,
        status=status,
        amount=amount,
        approved_amount=approved,
    )


@pytest.fixture
def applications():
    LoanApplication.objects.all().delete()
    hanoi = ProducerFactory(province_code="01")
    hcm = ProducerFactory(province_code="79", commune_code="25747")
    investment = LoanProgrammeFactory(purpose="investment")
    working = LoanProgrammeFactory(purpose="working_capital")
    application(hanoi, investment, Status.DRAFT, 900_000_000)
    application(hanoi, investment, Status.APPROVED, 500_000_000, approved=400_000_000)
    application(hanoi, working, Status.DECLINED, 200_000_000)
    application(hcm, investment, Status.DISBURSED, 300_000_000, approved=300_000_000)


def rows(scope: Scope) -> dict[str, list]:
    return {row[0]: row[1:] for row in report.build(scope).table("loans").rows}


def test_loans_by_purpose_for_the_whole_country(applications):
    loans = rows(Scope(*YEAR, None))
    # Purpose: applications, approved, declined, requested, approved amount (drafts left out).
    assert loans["Đầu tư"] == [2, 2, 0, 800_000_000, 700_000_000]
    assert loans["Vốn lưu động"] == [1, 0, 1, 200_000_000, 0]
    assert loans["Dự án chuỗi giá trị"] == [0, 0, 0, 0, 0]
    assert len(loans) == 4


def test_a_province_sees_only_its_cooperatives_loans(applications):
    loans = rows(Scope(*YEAR, ("79",)))
    assert loans["Đầu tư"] == [1, 1, 0, 300_000_000, 300_000_000]
    assert loans["Vốn lưu động"] == [0, 0, 0, 0, 0]
