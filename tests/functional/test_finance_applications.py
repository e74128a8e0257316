"""A cooperative checks its eligibility, applies, and follows its application to disbursement
or to a decline with its reason; every step is logged and e-mailed."""

from __future__ import annotations

import datetime
import json
import shutil

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from finance import checklist, eligibility, workflow
from finance.models import LoanApplication
from tests import loans
from tests.factories import FundFactory, LoanProgrammeFactory, ReviewerFactory
from tests.flows import signed_in

pytestmark = pytest.mark.django_db
Status = LoanApplication.Status


@pytest.fixture
def fund():
    return FundFactory()


@pytest.fixture
def programme(fund):
    return LoanProgrammeFactory(fund=fund, rules_code="qhtpt-dau-tu")


@pytest.fixture
def reviewer(fund):
    return ReviewerFactory(funds=[fund])


@pytest.fixture
def reviewer_client(reviewer):
    return signed_in(reviewer)


def submitted(coop_a_client, programme) -> LoanApplication:
    response = loans.precheck(coop_a_client)
    assert response.status_code == 200
    response = loans.apply(coop_a_client, programme)
    assert response.status_code == 302, response.context["form"].errors
    return LoanApplication.objects.get(programme=programme)


def test_from_pre_check_to_disbursement(
    coop_a_client, coop_a_user, programme, reviewer_client, django_capture_on_commit_callbacks
):
    response = loans.precheck(coop_a_client)
    rows = {p.pk: outcome for p, outcome in response.context["results"]}
    assert rows[programme.pk].eligible
    assert reverse("dashboard:finance-apply", kwargs={"programme": programme.pk}) in (
        response.content.decode()
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = loans.apply(coop_a_client, programme)
    application = LoanApplication.objects.get(programme=programme)
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert application.status == Status.SUBMITTED
    assert application.producer == loans.producer_of(coop_a_user)
    assert application.answers["members"] == 20
    assert sorted(application.documents.values_list("kind", flat=True)) == [
        "business_plan",
        "financial_statements",
    ]
    assert len(mail.outbox) == 2  # the cooperative, and the fund's reviewers
    assert application.number in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        assert loans.step(reviewer_client, application, Status.UNDER_REVIEW).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        loans.step(reviewer_client, application, Status.MORE_DOCUMENTS, documents_requested="Sổ đỏ")
    application.refresh_from_db()
    assert application.status == Status.MORE_DOCUMENTS

    page = coop_a_client.get(application.get_absolute_url())
    assert "Sổ đỏ" in page.content.decode()
    response = coop_a_client.post(
        application.get_absolute_url(),
        {"action": "document", "kind": "collateral", "file": loans.pdf("so-do.pdf")},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        coop_a_client.post(application.get_absolute_url(), {"action": "submit"})
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        loans.step(reviewer_client, application, Status.UNDER_REVIEW)
    review_url = reverse("dashboard:finance-review", kwargs={"pk": application.pk})
    reviewer_client.post(review_url, {"action": "note", "text": "Phương án khả thi."})
    early = loans.step(
        reviewer_client,
        application,
        Status.APPROVED,
        approved_amount="700000000",
        approved_rate="4.80",
        approved_term_months="48",
    )
    assert early.status_code == 400  # the checklist is not done yet
    for key in checklist.keys():
        reviewer_client.post(review_url, {"action": "tick", "key": key})
    with django_capture_on_commit_callbacks(execute=True):
        loans.step(
            reviewer_client,
            application,
            Status.APPROVED,
            approved_amount="700000000",
            approved_rate="4.80",
            approved_term_months="48",
        )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.approved_amount == 700_000_000
    with django_capture_on_commit_callbacks(execute=True):
        loans.step(
            reviewer_client, application, Status.DISBURSED, disbursed_at=datetime.date.today()
        )
    application.refresh_from_db()
    assert application.status == Status.DISBURSED

    steps = list(application.events.values_list("to_status", flat=True))
    assert steps == [
        "draft",
        "submitted",
        "under_review",
        "more_documents",
        "submitted",
        "under_review",
        "approved",
        "disbursed",
    ]
    cooperative_mail = [m for m in mail.outbox if coop_a_user.email in m.to]
    assert len(cooperative_mail) == 7  # every step after the draft
    assert "700.000.000" in cooperative_mail[-2].body

    page = coop_a_client.get(application.get_absolute_url()).content.decode()
    assert "Phương án khả thi." not in page  # reviewers' notes stay with the fund
    assert page.count('class="event"') == 8


def test_a_declined_application_tells_its_reason(
    coop_a_client, coop_a_user, programme, reviewer_client, django_capture_on_commit_callbacks
):
    application = submitted(coop_a_client, programme)
    mail.outbox.clear()
    empty = loans.step(reviewer_client, application, Status.DECLINED, decline_reason="  ")
    assert empty.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        loans.step(
            reviewer_client,
            application,
            Status.DECLINED,
            decline_reason="Dòng tiền không đủ trả nợ trong 48 tháng.",
        )
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert application.events.last().message == "Dòng tiền không đủ trả nợ trong 48 tháng."
    assert "Dòng tiền không đủ trả nợ" in mail.outbox[0].body
    assert coop_a_user.email in mail.outbox[0].to
    page = coop_a_client.get(application.get_absolute_url()).content.decode()
    assert "Dòng tiền không đủ trả nợ trong 48 tháng." in page
    # Declined is final: no further step.
    assert loans.step(reviewer_client, application, Status.UNDER_REVIEW).status_code == 400


def test_an_ineligible_cooperative_is_told_why_and_cannot_apply(coop_a_client, programme):
    response = loans.precheck(coop_a_client, members="3")
    outcome = dict(response.context["results"])[programme]
    assert not outcome.eligible
    response = loans.apply(coop_a_client, programme)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:finance-precheck")
    assert not LoanApplication.objects.filter(programme=programme).exists()


def test_a_draft_is_saved_without_documents_and_submitted_later(coop_a_client, programme):
    loans.precheck(coop_a_client)
    response = loans.apply(
        coop_a_client,
        programme,
        "draft",
        document_business_plan=None,
        document_financial_statements=None,
        declares_true=None,
    )
    application = LoanApplication.objects.get(programme=programme)
    assert response.status_code == 302 and application.status == Status.DRAFT
    response = coop_a_client.post(application.get_absolute_url(), {"action": "submit"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    edit = reverse("dashboard:finance-application-edit", kwargs={"pk": application.pk})
    response = coop_a_client.post(edit, loans.application_data())
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_fund_changes_its_conditions_in_the_data_file(coop_a_client, programme, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(eligibility.DEFAULT_DIR, rules)
    with override_settings(FINANCE_ELIGIBILITY_DIR=str(rules)):
        before = dict(loans.precheck(coop_a_client).context["results"])[programme]
        path = rules / "qhtpt-dau-tu.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        for rule in data["rules"]:
            if rule["question"] == "members":
                rule["min"] = 50
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        response = loans.precheck(coop_a_client)
        after = dict(response.context["results"])[programme]
        refused = loans.apply(coop_a_client, programme)
    assert before.eligible and not after.eligible
    assert after.reasons == ["Số thành viên: cần ít nhất 50; câu trả lời của bạn: 20."]
    assert "cần ít nhất 50" in response.content.decode()
    assert (
        refused.status_code == 302
        and not LoanApplication.objects.filter(programme=programme).exists()
    )


def test_a_step_rolled_back_is_never_mailed(
    coop_a_client, programme, reviewer, django_capture_on_commit_callbacks
):
    application = submitted(coop_a_client, programme)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            workflow.move(application, Status.UNDER_REVIEW, by=reviewer, reviewer=True)
            raise RuntimeError("the request failed after the step")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert mail.outbox == []
