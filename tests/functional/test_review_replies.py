"""A cooperative answers a review of its product in public, or reports it to staff.

One reply per review, shown under the review on the product page as escaped plain text;
a report (with its reason) waits in staff's list until they handle it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory

ProductReview = get_model("reviews", "ProductReview")
ReviewReport = get_model("reviews", "ReviewReport")

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    return ProductReview.objects.create(
        product=product,
        title="Hơi ngọt",
        score=2,
        body="Mật ong hơi ngọt so với mô tả.",
        name="Hùng",
        email="hung@example.vn",
        status=ProductReview.APPROVED,
    )


def reply_url(review) -> str:
    return reverse("dashboard:reviews-reply", kwargs={"pk": review.pk})


def report_url(review) -> str:
    return reverse("dashboard:reviews-report", kwargs={"pk": review.pk})


def test_a_cooperative_replies_and_the_reply_shows_under_the_review(
    review, coop_a_client, coop_a_user, anonymous_client
):
    text = "Cảm ơn anh Hùng!\nMùa sau mật sẽ ít ngọt hơn."
    before = anonymous_client.get(review.product.get_absolute_url()).content.decode()
    assert "Mật ong hơi ngọt" in before  # and now in the shared page cache
    response = coop_a_client.post(reply_url(review), {"reply": text})
    assert response.status_code == 302

    review.refresh_from_db()
    partner = coop_a_user.partners.get()
    assert (review.reply, review.reply_name, review.reply_partner) == (text, partner.name, partner)
    assert review.replied_by == coop_a_user and review.replied_at is not None
    assert (review.title, review.body, review.score) == (
        "Hơi ngọt",
        "Mật ong hơi ngọt so với mô tả.",
        2,
    )

    page = anonymous_client.get(review.product.get_absolute_url()).content.decode()
    assert "Cảm ơn anh Hùng!<br>Mùa sau mật sẽ ít ngọt hơn." in page
    assert partner.name in page
    assert page.index("Mật ong hơi ngọt") < page.index("Cảm ơn anh Hùng!")


def test_the_reply_is_plain_text(review, coop_a_client, anonymous_client):
    coop_a_client.post(reply_url(review), {"reply": '<script>alert("x")</script><b>Xin lỗi</b>'})
    page = anonymous_client.get(review.product.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "<b>Xin lỗi</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Xin lỗi&lt;/b&gt;" in page


def test_there_is_one_reply_per_review(review, coop_a_client):
    coop_a_client.post(reply_url(review), {"reply": "Lần một"})
    coop_a_client.post(reply_url(review), {"reply": "Lần hai"})
    review.refresh_from_db()
    assert review.reply == "Lần hai"


def test_an_empty_or_overlong_reply_changes_nothing(review, coop_a_client):
    for text in ("", "   ", "x" * 2001):
        response = coop_a_client.post(reply_url(review), {"reply": text})
        assert response.status_code == 400
    review.refresh_from_db()
    assert review.reply == "" and review.replied_at is None


def test_the_reply_page_shows_the_review_read_only(review, coop_a_client):
    response = coop_a_client.get(reply_url(review))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mật ong hơi ngọt so với mô tả." in html
    assert 'name="title"' not in html and 'name="score"' not in html and 'name="body"' not in html


def test_a_cooperative_reports_a_review_to_staff(review, coop_a_client, coop_a_user, staff_client):
    response = coop_a_client.post(report_url(review), {"reason": "Người này chưa từng mua hàng."})
    assert response.status_code == 302
    report = ReviewReport.objects.get(review=review)
    assert (report.partner, report.reported_by, report.reason) == (
        coop_a_user.partners.get(),
        coop_a_user,
        "Người này chưa từng mua hàng.",
    )

    # Reporting again while staff have not handled it adds nothing.
    coop_a_client.post(report_url(review), {"reason": "Lần nữa"})
    assert ReviewReport.objects.filter(review=review).count() == 1
    assert "review-reported" in coop_a_client.get(reply_url(review)).content.decode()

    listing = staff_client.get(reverse("dashboard:reviews-report-list"))
    assert report in listing.context["reports"]
    assert "Người này chưa từng mua hàng." in listing.content.decode()
    assert staff_client.get(reverse("dashboard:reviews-list")).context["open_report_count"] >= 1

    resolve = reverse("dashboard:reviews-report-resolve", kwargs={"pk": report.pk})
    assert staff_client.post(resolve).status_code == 302
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert (
        report not in staff_client.get(reverse("dashboard:reviews-report-list")).context["reports"]
    )


def test_a_report_needs_a_reason(review, coop_a_client):
    response = coop_a_client.post(report_url(review), {"reason": ""})
    assert response.status_code == 400
    assert not ReviewReport.objects.filter(review=review).exists()


def test_cooperatives_cannot_see_or_resolve_reports(review, coop_a_client, coop_b_client):
    coop_a_client.post(report_url(review), {"reason": "Spam"})
    report = ReviewReport.objects.get(review=review)
    for client in (coop_a_client, coop_b_client):
        assert client.get(reverse("dashboard:reviews-report-list")).status_code == 403
        resolve = reverse("dashboard:reviews-report-resolve", kwargs={"pk": report.pk})
        assert client.post(resolve).status_code == 403
    report.refresh_from_db()
    assert report.resolved_at is None


def test_another_cooperative_cannot_reply_or_report(review, coop_b_client):
    assert coop_b_client.get(reply_url(review)).status_code == 404
    assert coop_b_client.post(reply_url(review), {"reply": "Hàng giả"}).status_code == 404
    assert coop_b_client.post(report_url(review), {"reason": "Spam"}).status_code == 404
    review.refresh_from_db()
    assert review.reply == ""
    assert not review.reports.exists()


def test_buyers_and_visitors_cannot_reply(review, buyer_client, anonymous_client):
    assert buyer_client.post(reply_url(review), {"reply": "x"}).status_code in (302, 403)
    response = anonymous_client.post(reply_url(review), {"reply": "x"})
    assert response.status_code == 302 and "login" in response["Location"]
    review.refresh_from_db()
    assert review.reply == ""


def test_the_cooperatives_review_list_offers_reply_not_edit(review, coop_a_client):
    html = coop_a_client.get(reverse("dashboard:reviews-list")).content.decode()
    assert reply_url(review) in html
    update = reverse("dashboard:reviews-update", kwargs={"pk": review.pk})
    assert f'href="{update}"' not in html
    assert reverse("dashboard:reviews-delete", kwargs={"pk": review.pk}) not in html
    assert 'name="selected_review"' not in html
