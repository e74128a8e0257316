"""Complaints and returns: a buyer complains on an order line, the cooperative answers by its
deadline or staff step in, and a refund with the goods back restores the stock."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model

from compliance import complaints
from compliance.models import Complaint
from tests.factories import OrderFactory, ProductFactory

pytestmark = pytest.mark.django_db

RefundDue = get_model("order", "RefundDue")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def line(buyer, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.first(), price=120000, stock=10)
    order = OrderFactory(products=[product], quantities=[2], user=buyer)
    return order.lines.get()


def open_one(client, line, **changes):
    data = {
        "reason": "damaged",
        "description": "Hộp bị móp, mật ong chảy ra ngoài.",
        "wanted": "return",
        "quantity": 1,
        **changes,
    }
    return client.post(f"/account/complaints/new/{line.pk}/", data)


def test_it_escalates_after_the_deadline_and_ends_in_a_refund_that_restores_stock(
    buyer_client, staff_client, staff, line
):
    response = open_one(buyer_client, line)
    complaint = Complaint.objects.get(line=line)
    assert response.status_code == 302
    assert complaint.status == Complaint.Status.OPEN
    assert complaint.partner_id == line.partner_id
    opened_mail = [m for m in mail.outbox if f"#{complaint.pk}" in m.subject]
    assert opened_mail, "the opening is e-mailed"

    # The cooperative lets its deadline pass: an hour later the task escalates it.
    later = complaint.respond_by + datetime.timedelta(hours=1)
    assert complaints.run_deadlines(now=later) == (0, 1)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ESCALATED
    assert complaint.escalated_at is not None
    assert staff.email in {to for m in mail.outbox for to in m.to}
    page = buyer_client.get(f"/account/complaints/{complaint.pk}/").content.decode()
    assert "đã chuyển cho nhân viên sàn" in page  # the step, in Vietnamese

    stock_before = StockRecord.objects.get(pk=line.stockrecord_id).num_in_stock
    response = staff_client.post(
        f"/account/complaints/{complaint.pk}/",
        {
            "action": "decide",
            "decide-outcome": "return",
            "decide-reason": "Hàng hỏng khi vận chuyển.",
            "decide-goods_returned": "on",
            "decide-return_carrier": "VNPost",
            "decide-return_tracking": "EB123456789VN",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED
    assert complaint.outcome == Complaint.Outcome.RETURN
    assert complaint.refund_amount == 120000
    assert RefundDue.objects.get(reference=f"complaint-{complaint.pk}").amount == 120000
    assert StockRecord.objects.get(pk=line.stockrecord_id).num_in_stock == stock_before + 1
    assert list(complaint.events.values_list("kind", flat=True)) == [
        "opened",
        "escalated",
        "decided",
    ]


def test_a_reminder_goes_before_the_deadline_once(buyer, line):
    complaint = complaints.open_complaint(
        line, buyer, reason="late", description="Chưa nhận được hàng.", wanted="refund"
    )
    soon = complaint.respond_by - datetime.timedelta(hours=2)
    assert complaints.run_deadlines(now=soon) == (1, 0)
    assert complaints.run_deadlines(now=soon) == (0, 0)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.OPEN


def test_the_cooperative_answers_and_a_rejection_needs_a_reason(coop_a_client, buyer, line):
    complaint = complaints.open_complaint(
        line, buyer, reason="other", description="Không thích.", wanted="refund"
    )
    url = f"/account/complaints/{complaint.pk}/"
    bad = coop_a_client.post(url, {"action": "decide", "decide-outcome": "rejected"})
    assert bad.status_code == 400
    assert "lý do" in bad.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.OPEN
    ok = coop_a_client.post(
        url, {"action": "decide", "decide-outcome": "rejected", "decide-reason": "Đúng mô tả."}
    )
    assert ok.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == Complaint.Outcome.REJECTED
    assert not RefundDue.objects.filter(reference=f"complaint-{complaint.pk}").exists()


def test_the_buyer_escalates_a_rejection(buyer_client, buyer, coop_a_user, line):
    complaint = complaints.open_complaint(
        line, buyer, reason="other", description="Sai mô tả.", wanted="refund"
    )
    complaints.decide(complaint, coop_a_user, "rejected", reason="Đúng mô tả.")
    response = buyer_client.post(
        f"/account/complaints/{complaint.pk}/",
        {"action": "escalate", "escalate-note": "Sản phẩm khác ảnh."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ESCALATED


def test_others_see_a_404(coop_b_client, anonymous_client, buyer, line, django_user_model):
    complaint = complaints.open_complaint(
        line, buyer, reason="other", description="…", wanted="refund"
    )
    url = f"/account/complaints/{complaint.pk}/"
    assert coop_b_client.get(url).status_code == 404
    assert (
        coop_b_client.post(url, {"action": "decide", "decide-outcome": "refund"}).status_code == 404
    )
    other = django_user_model.objects.create_user("khac@example.vn", "khac@example.vn", "x")
    from tests.flows import signed_in

    stranger = signed_in(other)
    assert stranger.get(url).status_code == 404
    assert stranger.get(f"/account/complaints/new/{line.pk}/").status_code == 404
    assert anonymous_client.get(url).status_code == 302  # to the sign-in page
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.OPEN


def test_the_cooperative_cannot_decide_once_escalated(coop_a_client, buyer, line):
    complaint = complaints.open_complaint(
        line, buyer, reason="other", description="…", wanted="refund"
    )
    complaints.escalate(complaint)
    response = coop_a_client.post(
        f"/account/complaints/{complaint.pk}/", {"action": "decide", "decide-outcome": "refund"}
    )
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ESCALATED


@pytest.mark.parametrize(
    "changes",
    [
        {"quantity": 3},  # more than were bought
        {"quantity": 0},
        {"quantity": "x"},
        {"reason": "nonsense"},
        {"description": "   "},
        {"wanted": "rejected"},
        {"description": "x" * 2001},
    ],
)
def test_bad_input_saves_nothing(buyer_client, line, changes):
    response = open_one(buyer_client, line, **changes)
    assert response.status_code == 400
    assert not Complaint.objects.filter(line=line).exists()


def test_staff_see_figures_per_cooperative(staff_client, buyer_client, buyer, line):
    complaints.open_complaint(line, buyer, reason="late", description="…", wanted="refund")
    page = staff_client.get("/account/staff/complaint-figures/")
    assert page.status_code == 200
    assert line.partner.name in page.content.decode()
    assert buyer_client.get("/account/staff/complaint-figures/").status_code == 302
    overdue = staff_client.get("/account/staff/overdue/")
    assert overdue.status_code == 200


def test_an_overdue_complaint_shows_in_the_overdue_list(staff_client, buyer, line):
    complaint = complaints.open_complaint(
        line, buyer, reason="late", description="…", wanted="refund"
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        respond_by=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert f"#{complaint.pk}" in staff_client.get("/account/staff/overdue/").content.decode()


def test_the_order_page_links_a_complaint_per_line(buyer_client, line):
    from django.urls import reverse

    page = buyer_client.get(reverse("customer:order", kwargs={"order_number": line.order.number}))
    assert page.status_code == 200
    assert f"/account/complaints/new/{line.pk}/" in page.content.decode()
