"""A cooperative sees the reviews of its own products, never another's, and cannot moderate them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


def review_of(product, title):
    return ProductReview.objects.create(
        product=product,
        title=title,
        score=4,
        body="Ngon, đóng gói cẩn thận.",
        name="Lan",
        email="lan@example.vn",
        status=ProductReview.FOR_MODERATION,
    )


@pytest.fixture
def reviews(coop_a_user, coop_b_user):
    return (
        review_of(ProductFactory(partner=coop_a_user.partners.get()), "Review of A"),
        review_of(ProductFactory(partner=coop_b_user.partners.get()), "Review of B"),
    )


def test_a_cooperative_lists_only_its_own_products_reviews(reviews, coop_a_client):
    response = coop_a_client.get(reverse("dashboard:reviews-list"))
    assert response.status_code == 200
    listed = list(response.context["review_list"])
    assert reviews[0] in listed
    assert reviews[1] not in listed


def test_a_cooperative_cannot_moderate_edit_or_delete_its_own_review(reviews, coop_a_client):
    """Staff moderate; a cooperative answers or reports instead (test_review_replies.py)."""
    own = reviews[0]
    update = reverse("dashboard:reviews-update", kwargs={"pk": own.pk})
    delete = reverse("dashboard:reviews-delete", kwargs={"pk": own.pk})
    data = {"title": "Tuyệt vời", "body": "Rất ngon", "score": 5, "status": ProductReview.APPROVED}
    assert coop_a_client.get(update).status_code == 403
    assert coop_a_client.post(update, data).status_code == 403
    assert coop_a_client.post(delete).status_code == 403
    coop_a_client.post(
        reverse("dashboard:reviews-list"),
        {
            "action": "update_selected_review_status",
            "selected_review": [own.pk],
            "status": ProductReview.APPROVED,
        },
    )
    own.refresh_from_db()
    assert (own.title, own.body, own.score, own.status) == (
        "Review of A",
        "Ngon, đóng gói cẩn thận.",
        4,
        ProductReview.FOR_MODERATION,
    )


def test_staff_keep_moderation(reviews, staff_client):
    review = reviews[1]
    url = reverse("dashboard:reviews-update", kwargs={"pk": review.pk})
    data = {
        "title": review.title,
        "body": review.body,
        "score": review.score,
        "status": ProductReview.APPROVED,
    }
    assert staff_client.post(url, data).status_code == 302
    review.refresh_from_db()
    assert review.status == ProductReview.APPROVED
    delete = reverse("dashboard:reviews-delete", kwargs={"pk": review.pk})
    assert staff_client.post(delete).status_code == 302
    assert not ProductReview.objects.filter(pk=review.pk).exists()


def test_another_cooperatives_review_is_not_found_and_unchanged(reviews, coop_a_client):
    other = reviews[1]
    update = reverse("dashboard:reviews-update", kwargs={"pk": other.pk})
    delete = reverse("dashboard:reviews-delete", kwargs={"pk": other.pk})
    assert coop_a_client.get(update).status_code in (403, 404)
    data = {"title": "hijacked", "body": "x", "score": 1, "status": ProductReview.APPROVED}
    assert coop_a_client.post(update, data).status_code in (403, 404)
    assert coop_a_client.post(delete).status_code in (403, 404)
    for name in ("dashboard:reviews-reply", "dashboard:reviews-report"):
        url = reverse(name, kwargs={"pk": other.pk})
        assert coop_a_client.post(url, {"reply": "x", "reason": "x"}).status_code == 404
    bulk = coop_a_client.post(
        reverse("dashboard:reviews-list"),
        {
            "action": "update_selected_review_status",
            "selected_review": [other.pk],
            "status": ProductReview.APPROVED,
        },
    )
    assert bulk.status_code == 302
    other.refresh_from_db()
    assert (other.title, other.status, other.reply) == (
        "Review of B",
        ProductReview.FOR_MODERATION,
        "",
    )
    assert not other.reports.exists()


def test_buyers_cannot_open_review_moderation(reviews, buyer_client):
    response = buyer_client.get(reverse("dashboard:reviews-list"))
    assert response.status_code in (302, 403)
