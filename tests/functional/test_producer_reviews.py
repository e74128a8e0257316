"""A cooperative moderates the reviews of its own products, and never sees another's."""

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


def test_a_cooperative_approves_its_own_review(reviews, coop_a_client):
    own = reviews[0]
    url = reverse("dashboard:reviews-update", kwargs={"pk": own.pk})
    data = {
        "title": own.title,
        "body": own.body,
        "score": own.score,
        "status": ProductReview.APPROVED,
    }
    assert coop_a_client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert own.status == ProductReview.APPROVED


def test_another_cooperatives_review_is_not_found_and_unchanged(reviews, coop_a_client):
    other = reviews[1]
    update = reverse("dashboard:reviews-update", kwargs={"pk": other.pk})
    delete = reverse("dashboard:reviews-delete", kwargs={"pk": other.pk})
    assert coop_a_client.get(update).status_code == 404
    data = {"title": "hijacked", "body": "x", "score": 1, "status": ProductReview.APPROVED}
    assert coop_a_client.post(update, data).status_code == 404
    assert coop_a_client.post(delete).status_code == 404
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
    assert (other.title, other.status) == ("Review of B", ProductReview.FOR_MODERATION)


def test_buyers_cannot_open_review_moderation(reviews, buyer_client):
    response = buyer_client.get(reverse("dashboard:reviews-list"))
    assert response.status_code in (302, 403)
