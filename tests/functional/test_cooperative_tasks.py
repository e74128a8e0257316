"""A cooperative's dashboard home says what needs doing, with counts of its own rows only,
and each task is one click from the page listing exactly those rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rating_rules import current_rules
from dashboard.tasks import cooperative_tasks
from tests.factories import BatchFactory, OcopRatingFactory, OrderFactory, ProductFactory

pytestmark = pytest.mark.django_db

Shipment = get_model("order", "Shipment")
ProductReview = get_model("reviews", "ProductReview")


def counts(user) -> dict[str, int]:
    return {task.key: task.count for task in cooperative_tasks(user)}


def make_a_world(coop_a_user, buyer):
    """Cooperative A: two new orders (one confirmed), a product running out, a certificate
    about to expire, a batch in draft and a published review without a reply."""
    partner = coop_a_user.partners.get()
    product = ProductFactory(partner=partner, stock=50)
    OrderFactory(products=[product])
    confirmed = OrderFactory(products=[product]).shipments.get()
    confirmed.move_to(Shipment.Status.CONFIRMED, by=coop_a_user)
    ProductFactory(partner=partner, stock=1)  # 1 left: below the default threshold
    soon = timezone.localdate() + datetime.timedelta(days=current_rules().reminder_days - 1)
    OcopRatingFactory(product=ProductFactory(partner=partner), expires_on=soon)
    BatchFactory(product=product, publish=False)
    ProductReview.objects.create(
        product=product, title="Ngon", body="Rất ngon", score=5, user=buyer, status=1
    )
    return partner


@pytest.fixture
def a_world(coop_a_user, buyer):
    return make_a_world(coop_a_user, buyer)


def test_the_counts_follow_the_cooperatives_rows_and_not_anothers(coop_a_user, coop_b_user, buyer):
    before_a, before_b = counts(coop_a_user), counts(coop_b_user)
    make_a_world(coop_a_user, buyer)
    after_a = counts(coop_a_user)
    assert {key: after_a[key] - before_a[key] for key in after_a} == {
        "orders_to_confirm": 1,
        "shipments_to_send": 1,
        "stock_running_out": 1,
        "certificates_expiring": 1,
        "batches_in_draft": 1,
        "reviews_to_answer": 1,
    }
    assert counts(coop_b_user) == before_b


def test_the_home_page_lists_the_tasks_and_each_link_shows_what_was_counted(
    a_world, coop_a_user, coop_a_client
):
    page = coop_a_client.get("/dashboard/")
    assert page.status_code == 200
    html = page.content.decode()
    tasks = {task.key: task for task in page.context["tasks"]}
    assert set(tasks) == set(counts(coop_a_user))
    for task in tasks.values():
        assert f'href="{task.url}"' in html
        assert f'data-count="{task.count}"' in html
    assert "Đơn hàng cần xác nhận" in html

    shipments = coop_a_client.get(tasks["orders_to_confirm"].url).context["shipments"]
    assert len(shipments) == tasks["orders_to_confirm"].count
    assert {s.status for s in shipments} == {Shipment.Status.PENDING}
    sending = coop_a_client.get(tasks["shipments_to_send"].url).context["shipments"]
    assert len(sending) == tasks["shipments_to_send"].count
    batches = coop_a_client.get(tasks["batches_in_draft"].url).context["batches"]
    assert len(batches) == tasks["batches_in_draft"].count
    low = coop_a_client.get(tasks["stock_running_out"].url).context["products"]
    assert len(low.data) == tasks["stock_running_out"].count
    reviews = coop_a_client.get(tasks["reviews_to_answer"].url).context["review_list"]
    assert len(reviews) == tasks["reviews_to_answer"].count


def test_staff_get_no_cooperative_task_list(staff, staff_client):
    assert cooperative_tasks(staff) == []
    assert staff_client.get("/dashboard/").status_code == 200


def test_the_profile_form_is_laid_out_like_the_dashboards_other_forms(coop_a_client):
    response = coop_a_client.get("/dashboard/producers/mine/", follow=True)
    html = response.content.decode()
    form = response.context["form"]
    name = next(name for name, field in form.fields.items() if field.required)
    assert f'<label for="id_{name}" class=" col-form-label required">' in html
    assert 'class="form-control' in html
    assert "Xóa bộ lọc" not in html  # a file's "Clear" box is not the filters' "Clear"
