"""Two reviewers moving the same loan application at the same moment (one approves, the other
declines; or both decline): one step is taken, logged and e-mailed once, the other is refused.

Real threads over committed data, each with its own client and database connection, as in
test_order_races.py: the application's row lock in `finance.workflow.move` serialises them on
PostgreSQL, the IMMEDIATE transactions on SQLite.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from finance import checklist
from finance.models import ChecklistTick, LoanApplication
from tests import evaluation_world, loans
from tests.concurrency import at_once
from tests.factories import FundFactory, LoanProgrammeFactory, ReviewerFactory, remove_cooperatives
from tests.flows import signed_in

Status = LoanApplication.Status
# Start delays per round: at the same moment, then each given a head start of a few
# milliseconds, so that either reviewer can win.
ROUNDS = [(0, 0), (0, 0), (0, 0.05), (0.05, 0)]
APPROVE = {"approved_amount": "700000000", "approved_rate": "4.80", "approved_term_months": "48"}
DECLINE = {"decline_reason": "Thiếu tài sản bảo đảm."}


@pytest.fixture
def world(committed_db):
    producer, owner, _product = evaluation_world.cooperative()
    fund = FundFactory()
    programme = LoanProgrammeFactory(fund=fund)
    reviewers = [ReviewerFactory(funds=[fund]) for _ in range(2)]
    yield producer, programme, reviewers
    LoanApplication.objects.filter(programme=programme).delete()
    programme.delete()
    fund.delete()
    get_user_model().objects.filter(pk__in=[r.pk for r in reviewers]).delete()
    remove_cooperatives(producer.partner)


def under_review(producer, programme, reviewer) -> LoanApplication:
    """An application a reviewer has checked through: ready to approve or decline."""
    application = LoanApplication.objects.create(
        producer=producer,
        programme=programme,
        amount=800_000_000,
        term_months=48,
        purpose="investment",
        use_of_funds="Xây nhà sơ chế.",
        declares_true=True,
        consents_to_share=True,
        status=Status.UNDER_REVIEW,
        submitted_at=timezone.now(),
    )
    for key in checklist.keys():
        ChecklistTick.objects.create(application=application, key=key, done_by=reviewer)
    return application


def decisions(application) -> list[tuple[str, str]]:
    return list(application.events.exclude(from_status="").values_list("from_status", "to_status"))


def mails_about(application) -> list:
    return [m for m in mail.outbox if application.number in m.subject]


def test_approve_and_decline_at_once_take_one_step(world):
    producer, programme, reviewers = world
    clients = [signed_in(reviewer) for reviewer in reviewers]
    for delays in ROUNDS:
        application = under_review(producer, programme, reviewers[0])
        mail.outbox.clear()
        responses = at_once(
            lambda a=application: loans.step(clients[0], a, Status.APPROVED, **APPROVE),
            lambda a=application: loans.step(clients[1], a, Status.DECLINED, **DECLINE),
            delays=delays,
        )
        codes = sorted(response.status_code for response in responses)
        assert codes == [302, 400], codes
        application.refresh_from_db()
        won = Status.APPROVED if responses[0].status_code == 302 else Status.DECLINED
        assert application.status == won
        assert decisions(application) == [(Status.UNDER_REVIEW, won)]
        assert len(mails_about(application)) == 1
        if won == Status.APPROVED:
            assert application.approved_amount == 700_000_000 and not application.decline_reason
        else:
            assert application.approved_amount is None
            assert application.decline_reason == DECLINE["decline_reason"]
        assert application.decided_by_id == reviewers[0 if won == Status.APPROVED else 1].pk


def test_two_declines_at_once_are_logged_and_mailed_once(world):
    producer, programme, reviewers = world
    clients = [signed_in(reviewer) for reviewer in reviewers]
    application = under_review(producer, programme, reviewers[0])
    mail.outbox.clear()
    responses = at_once(
        *[lambda c=c: loans.step(c, application, Status.DECLINED, **DECLINE) for c in clients]
    )
    assert sorted(r.status_code for r in responses) == [302, 400]
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert decisions(application) == [(Status.UNDER_REVIEW, Status.DECLINED)]
    assert len(mails_about(application)) == 1
