"""The loan pages answer in a fixed number of queries, however many applications, documents,
notes and steps there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import ApplicationEvent, LoanApplication, ReviewNote
from tests import loans
from tests.factories import FundFactory, LoanProgrammeFactory, ReviewerFactory
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(application, reviewer, count: int) -> None:
    for n in range(count):
        ReviewNote.objects.create(application=application, author=reviewer, text=f"Ghi chú {n}")
        ApplicationEvent.objects.create(
            application=application, from_status="submitted", to_status="submitted", actor=reviewer
        )
    for _ in range(count):
        LoanApplication.objects.create(
            producer=application.producer,
            programme=application.programme,
            amount=1000,
            term_months=12,
            purpose="investment",
            use_of_funds="-",
            status="submitted",
            created_by=application.created_by,
        )


def test_pages_do_not_grow_with_their_rows(coop_a_client):
    fund = FundFactory()
    programme = LoanProgrammeFactory(fund=fund, rules_code="qhtpt-dau-tu")
    reviewer = ReviewerFactory(funds=[fund])
    reviewer_client = signed_in(reviewer)
    loans.precheck(coop_a_client)
    loans.apply(coop_a_client, programme)
    application = LoanApplication.objects.get(programme=programme)
    pages = [
        (coop_a_client, reverse("dashboard:finance-applications")),
        (coop_a_client, application.get_absolute_url()),
        (reviewer_client, reverse("dashboard:finance-review-list")),
        (reviewer_client, application.get_review_url()),
    ]
    small = [queries(client, url) for client, url in pages]
    grow(application, reviewer, 15)
    large = [queries(client, url) for client, url in pages]
    assert large == small
    assert max(large) <= 40
