"""Bad input to a loan application: a clear error in Vietnamese or English, and nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from finance.models import ApplicationDocument, LoanApplication
from tests import loans
from tests.factories import FundFactory, LoanProgrammeFactory, ReviewerFactory
from tests.flows import signed_in
from tests.pictures import small_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return LoanProgrammeFactory(fund=FundFactory(), rules_code="qhtpt-dau-tu")


@pytest.fixture
def checked(coop_a_client, programme):
    loans.precheck(coop_a_client)
    return coop_a_client


def stored_files() -> set[str]:
    """The finance documents in private storage (other apps' tests may write beside them)."""
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"]) / "finance"
    return {str(p) for p in root.rglob("*") if p.is_file()}


def refused(client, programme, language: str, **fields):
    before = stored_files()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = loans.apply(client, programme, **fields)
    assert response.status_code == 400
    assert not LoanApplication.objects.filter(programme=programme).exists()
    assert stored_files() == before
    return response.context["form"]


def test_an_amount_above_the_maximum(checked, programme):
    form = refused(checked, programme, "en", amount="1500000000")
    assert form.errors["amount"] == [
        "This programme lends at most ₫1,000,000,000; you asked for ₫1,500,000,000."
    ]
    form = refused(checked, programme, "vi", amount="1500000000")
    assert form.errors["amount"][0].startswith("Chương trình này cho vay tối đa")


def test_missing_required_documents(checked, programme):
    form = refused(checked, programme, "en", document_financial_statements=None)
    assert form.errors["document_financial_statements"] == [
        "This programme requires this document."
    ]
    assert "document_business_plan" not in form.errors
    form = refused(checked, programme, "vi", document_business_plan=None)
    assert form.errors["document_business_plan"] == ["Chương trình này yêu cầu tài liệu này."]


def test_a_file_that_is_not_what_its_name_says(checked, programme):
    fake = loans.pdf("phuong-an.pdf", b"MZ\x90\x00 not a pdf at all")
    form = refused(checked, programme, "en", document_business_plan=fake)
    assert form.errors["document_business_plan"] == [
        "Upload a PDF, JPEG or PNG file; this file is none of them."
    ]
    renamed = loans.pdf("bao-cao.pdf", small_png())
    form = refused(checked, programme, "en", document_financial_statements=renamed)
    assert "contains a PNG file" in form.errors["document_financial_statements"][0]


def test_a_term_longer_than_the_programme_and_a_nonsense_amount(checked, programme):
    form = refused(checked, programme, "en", term_months="120", amount="-5")
    assert form.errors["term_months"] == ["The term is between 1 and 60 months for this programme."]
    assert "amount" in form.errors


def test_a_bad_extra_document_is_refused(checked, programme):
    loans.apply(checked, programme, "draft")
    application = LoanApplication.objects.get(programme=programme)
    count = ApplicationDocument.objects.count()
    response = checked.post(
        application.get_absolute_url(),
        {"action": "document", "kind": "other", "file": loans.pdf("x.pdf", b"<html>")},
    )
    assert response.status_code == 400
    assert ApplicationDocument.objects.count() == count


def test_a_reviewer_cannot_approve_above_the_maximum(checked, programme):
    loans.apply(checked, programme)
    application = LoanApplication.objects.get(programme=programme)
    client = signed_in(ReviewerFactory(funds=[programme.fund]))
    loans.step(client, application, "under_review")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = loans.step(
        client,
        application,
        "approved",
        approved_amount="2000000000",
        approved_rate="4.8",
        approved_term_months="48",
    )
    assert response.status_code == 400
    assert "This programme lends at most ₫1,000,000,000." in response.content.decode()
    application.refresh_from_db()
    assert application.status == LoanApplication.Status.UNDER_REVIEW
    assert application.approved_amount is None


def test_a_pre_check_with_nonsense_answers(coop_a_client):
    response = coop_a_client.post(
        reverse("dashboard:finance-precheck"),
        {**loans.ANSWERS, "members": "-1", "outstanding_loans": "abc", "legal_form": "bank"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"members", "outstanding_loans", "legal_form"}


def test_another_cooperatives_product_cannot_back_an_application(checked, programme, coop_b_user):
    other = loans.producer_of(coop_b_user).products().first()
    form = refused(checked, programme, "en", product=str(other.pk))
    assert form.errors["product"][0].startswith("Select a valid choice.")
