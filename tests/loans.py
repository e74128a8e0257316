"""What a cooperative and a reviewer do with loans, for the finance tests."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import LoanApplication
from producers.models import Producer
from tests.factories import LoanApplicationFactory, LoanProgrammeFactory, ProducerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ANSWERS = {
    "legal_form": "htx",
    "years_operating": "5",
    "members": "20",
    "product": "",
    "outstanding_loans": "0",
}


def pdf(name: str = "phuong-an.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def producer_of(user) -> Producer:
    return Producer.objects.get(partner__users=user)


def precheck(client, **answers):
    return client.post(reverse("dashboard:finance-precheck"), {**ANSWERS, **answers})


def application_data(action: str = "submit", **fields) -> dict:
    data = {
        "amount": "800000000",
        "term_months": "48",
        "purpose": "investment",
        "use_of_funds": "Xây nhà sơ chế và mua máy sấy.",
        "declares_true": "on",
        "consents_to_share": "on",
        "document_business_plan": pdf("phuong-an.pdf"),
        "document_financial_statements": pdf("bao-cao-tai-chinh.pdf"),
        "action": action,
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def apply(client, programme, action: str = "submit", **fields):
    url = reverse("dashboard:finance-apply", kwargs={"programme": programme.pk})
    return client.post(url, application_data(action, **fields))


def step(client, application, to: str, **fields):
    """A reviewer's step; the step's fields are given without their prefix."""
    data = {"action": "step", "step": to, **{f"{to}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("dashboard:finance-review", kwargs={"pk": application.pk}), data)


def two_provinces_of_applications(unit: int = 1) -> None:
    """Only these applications: a draft, an approval, a decline and one under review in Hà Nội
    (01), a disbursement in Hồ Chí Minh City (79); amounts are multiples of ``unit`` dong."""
    Status = LoanApplication.Status
    LoanApplication.objects.all().delete()
    hanoi = ProducerFactory(province_code="01")
    hcm = ProducerFactory(province_code="79", commune_code="25747")
    investment = LoanProgrammeFactory(purpose="investment")
    working = LoanProgrammeFactory(purpose="working_capital")
    for producer, programme, status, amount, approved in (
        (hanoi, investment, Status.DRAFT, 900, None),
        (hanoi, investment, Status.APPROVED, 500, 400),
        (hanoi, working, Status.DECLINED, 200, None),
        (hcm, investment, Status.DISBURSED, 300, 300),
        (hcm, working, Status.UNDER_REVIEW, 100, None),
    ):
        LoanApplicationFactory(
            producer=producer,
            programme=programme,
            status=status,
            amount=amount * unit,
            approved_amount=approved and approved * unit,
        )
