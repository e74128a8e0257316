"""What a cooperative and a reviewer do with loans, for the finance tests."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from producers.models import Producer

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
