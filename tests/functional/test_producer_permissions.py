"""The permission matrix: cooperative A never sees or changes cooperative B's objects.

For every dashboard and producer-edit URL that takes an object id, A's user asking for
B's object gets 404 (or 403 for staff-only pages), and nothing changes; listings never
include B's rows; anonymous visitors are sent to the login page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from producers.models import Producer
from tests.factories import OrderFactory, ProductFactory, ShippingAddressFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def world(coop_a_user, coop_b_user):
    a_product = ProductFactory(partner=coop_a_user.partners.get())
    b_product = ProductFactory(partner=coop_b_user.partners.get())
    return {
        "a_producer": Producer.objects.get(partner__users=coop_a_user),
        "b_producer": Producer.objects.get(partner__users=coop_b_user),
        "a_product": a_product,
        "b_product": b_product,
        "b_order": OrderFactory(products=[b_product]),
        "mixed_order": OrderFactory(
            products=[a_product, b_product],
            shipping_address=ShippingAddressFactory(line1="12 Tràng Tiền"),
        ),
        "pending": Producer.objects.pending().first(),
        "b_review": ProductReview.objects.create(
            product=b_product, title="Ngon", score=5, body="Ngon", name="Lan", email="l@example.vn"
        ),
    }


def b_objects(world):
    """(name, method, url, post data) for each URL that names one of B's objects."""
    b, mixed = world["b_producer"], world["mixed_order"]
    b_line = mixed.lines.get(partner=b.partner)
    product_url = reverse("dashboard:catalogue-product", kwargs={"pk": world["b_product"].pk})
    return [
        ("product edit", "get", product_url, None),
        ("product edit post", "post", product_url, {"title": "Hijacked"}),
        (
            "product delete",
            "post",
            reverse("dashboard:catalogue-product-delete", kwargs={"pk": world["b_product"].pk}),
            {},
        ),
        (
            "product child create",
            "get",
            reverse(
                "dashboard:catalogue-product-create-child",
                kwargs={"parent_pk": world["b_product"].pk},
            ),
            None,
        ),
        (
            "order detail",
            "get",
            reverse("dashboard:order-detail", kwargs={"number": world["b_order"].number}),
            None,
        ),
        (
            "order status",
            "post",
            reverse("dashboard:order-detail", kwargs={"number": world["b_order"].number}),
            {"order_action": "change_order_status", "new_status": "Cancelled"},
        ),
        (
            "order line in a mixed order",
            "get",
            reverse(
                "dashboard:order-line-detail", kwargs={"number": mixed.number, "line_id": b_line.pk}
            ),
            None,
        ),
        (
            "order shipping address",
            "post",
            reverse("dashboard:order-shipping-address", kwargs={"number": world["b_order"].number}),
            {"first_name": "X", "line1": "X", "line4": "X"},
        ),
        (
            "delivery address of a mixed order (staff only)",
            "post",
            reverse("dashboard:order-shipping-address", kwargs={"number": mixed.number}),
            {"first_name": "X", "line1": "X", "line4": "X", "country": "VN"},
        ),
        (
            "review edit (staff only)",
            "post",
            reverse("dashboard:reviews-update", kwargs={"pk": world["b_review"].pk}),
            {"title": "X", "body": "X", "score": 1, "status": ProductReview.REJECTED},
        ),
        (
            "review delete (staff only)",
            "post",
            reverse("dashboard:reviews-delete", kwargs={"pk": world["b_review"].pk}),
            {},
        ),
        (
            "review reply",
            "post",
            reverse("dashboard:reviews-reply", kwargs={"pk": world["b_review"].pk}),
            {"reply": "Hàng của B là hàng giả"},
        ),
        (
            "review report",
            "post",
            reverse("dashboard:reviews-report", kwargs={"pk": world["b_review"].pk}),
            {"reason": "Spam"},
        ),
        (
            "review reports (staff only)",
            "get",
            reverse("dashboard:reviews-report-list"),
            None,
        ),
        (
            "producer profile",
            "get",
            reverse("dashboard:producer-profile", kwargs={"pk": b.pk}),
            None,
        ),
        (
            "producer profile post",
            "post",
            reverse("dashboard:producer-profile", kwargs={"pk": b.pk}),
            {"short_name": "Hijacked"},
        ),
        ("producer users", "get", reverse("dashboard:producer-users", kwargs={"pk": b.pk}), None),
        (
            "producer add user",
            "post",
            reverse("dashboard:producer-users", kwargs={"pk": b.pk}),
            {"email": "spy@example.vn"},
        ),
        (
            "producer review (staff only)",
            "get",
            reverse("dashboard:producer-review", kwargs={"pk": b.pk}),
            None,
        ),
        (
            "producer decide (staff only)",
            "post",
            reverse("dashboard:producer-decide", kwargs={"pk": b.pk}),
            {"decision": "suspend"},
        ),
        (
            "pending application (staff only)",
            "post",
            reverse("dashboard:producer-decide", kwargs={"pk": world["pending"].pk}),
            {"decision": "approve"},
        ),
        (
            "partner (staff only)",
            "get",
            reverse("dashboard:partner-manage", kwargs={"pk": b.partner_id}),
            None,
        ),
    ]


def snapshot(world):
    b = Producer.objects.get(pk=world["b_producer"].pk)
    return {
        "product": Product.objects.filter(pk=world["b_product"].pk)
        .values_list("title", flat=True)
        .first(),
        "stock": list(
            StockRecord.objects.filter(product=world["b_product"]).values_list(
                "price", "num_in_stock", "partner_id"
            )
        ),
        "producer": (b.short_name, b.status, list(b.partner.users.values_list("pk", flat=True))),
        "order": (type(world["b_order"]).objects.get(pk=world["b_order"].pk).status),
        "pending": Producer.objects.get(pk=world["pending"].pk).status,
        "shipping": str(
            type(world["b_order"]).objects.get(pk=world["b_order"].pk).shipping_address
        ),
        "mixed shipping": list(
            type(world["mixed_order"].shipping_address)
            .objects.filter(pk=world["mixed_order"].shipping_address_id)
            .values()
        ),
        "review": list(
            ProductReview.objects.filter(pk=world["b_review"].pk).values(
                "title", "body", "score", "status", "reply"
            )
        ),
        "review reports": world["b_review"].reports.count(),
        "invitations": list(b.invitations.values_list("email", flat=True)),
    }


def test_cooperative_a_gets_404_or_403_on_every_one_of_bs_objects(world, coop_a_client):
    before = snapshot(world)
    for name, method, url, data in b_objects(world):
        response = (
            getattr(coop_a_client, method)(url, data)
            if data is not None
            else coop_a_client.get(url)
        )
        assert response.status_code in (403, 404), (name, url, response.status_code)
    assert snapshot(world) == before


def test_anonymous_visitors_are_sent_to_login_for_all_of_them(world, anonymous_client):
    before = snapshot(world)
    for name, method, url, data in b_objects(world):
        response = (
            getattr(anonymous_client, method)(url, data)
            if data is not None
            else anonymous_client.get(url)
        )
        assert response.status_code == 302, name
        assert "login" in response["Location"], name
    assert snapshot(world) == before


def test_cooperative_a_reaches_its_own_objects(world, coop_a_client):
    a = world["a_producer"]
    for url in [
        reverse("dashboard:catalogue-product", kwargs={"pk": world["a_product"].pk}),
        reverse("dashboard:order-detail", kwargs={"number": world["mixed_order"].number}),
        reverse("dashboard:producer-profile", kwargs={"pk": a.pk}),
        reverse("dashboard:producer-users", kwargs={"pk": a.pk}),
    ]:
        assert coop_a_client.get(url, follow=True).status_code == 200, url
    assert coop_a_client.get(reverse("dashboard:producer-mine")).url == reverse(
        "dashboard:producer-profile", kwargs={"pk": a.pk}
    )


def test_listings_never_include_bs_rows(world, coop_a_client):
    products = coop_a_client.get(reverse("dashboard:catalogue-product-list")).context["products"]
    ids = {p.pk for p in products.data} if hasattr(products, "data") else {p.pk for p in products}
    assert world["a_product"].pk in ids or ids  # paginated, but never B's
    assert world["b_product"].pk not in ids
    b_product_ids = set(
        Product.objects.filter(stockrecords__partner=world["b_producer"].partner).values_list(
            "pk", flat=True
        )
    )
    assert not ids & b_product_ids

    shipments = coop_a_client.get(reverse("order-fulfilment:list")).context["shipments"]
    numbers = {str(s.order.number) for s in shipments}
    assert str(world["mixed_order"].number) in numbers
    assert str(world["b_order"].number) not in numbers


def test_a_cooperative_cannot_sell_for_another_cooperative(world, coop_a_client, coop_b_user):
    """The stock record's partner is limited to the user's own cooperative."""
    url = reverse("dashboard:catalogue-product", kwargs={"pk": world["a_product"].pk})
    formset = coop_a_client.get(url).context["stockrecord_formset"]
    partners = list(formset.forms[0].fields["partner"].queryset)
    assert partners == [world["a_producer"].partner]
