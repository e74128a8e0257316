"""The whole onboarding: apply, staff approve, the new cooperative sells a product; and the reject path."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from compliance import listings
from producers.models import Producer
from tests.functional.test_producer_apply import application

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


def product_form_data(client: Client, url: str, **fields) -> dict:
    """Everything the dashboard's product form posts, from a GET of the page."""
    ctx = client.get(url).context
    data = {}
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        formset = ctx[name]
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            for field in form:
                value = field.value()
                if value is not None and value != "" and value is not False:
                    data[field.html_name] = value
    data.update(fields)
    return data


def sell_a_product(client: Client, title: str, price: int = 150000, stock: int = 20) -> None:
    url = reverse(
        "dashboard:catalogue-product-create", kwargs={"product_class_slug": "ocop-product"}
    )
    leaf = Category.objects.filter(numchild=0).order_by("path").first()
    response = client.get(url)
    stock_prefix = response.context["stockrecord_formset"].prefix
    category_prefix = response.context["category_formset"].prefix
    data = product_form_data(
        client,
        url,
        title=title,
        description="<p>Chè búp sao tay</p>",
        **{
            "structure": "standalone",
            "is_public": "on",
            "is_discountable": "on",
            f"{category_prefix}-0-category": str(leaf.pk),
            f"{stock_prefix}-0-partner_sku": "TC-001",
            f"{stock_prefix}-0-price_currency": "VND",
            f"{stock_prefix}-0-price": str(price),
            f"{stock_prefix}-0-num_in_stock": str(stock),
        },
    )
    partner_field = response.context["stockrecord_formset"].forms[0].fields["partner"]
    data[f"{stock_prefix}-0-partner"] = str(partner_field.initial.pk)
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)


def _errors(response):
    ctx = response.context
    return {
        "form": ctx["form"].errors,
        **{
            name: (ctx[name].errors, ctx[name].non_form_errors())
            for name in (
                "stockrecord_formset",
                "category_formset",
                "image_formset",
                "recommended_formset",
            )
        },
        "messages": [str(m) for m in ctx.get("messages", [])],
        "attributes": getattr(ctx["form"], "non_field_errors", lambda: None)(),
    }


def test_apply_approve_sell_and_show(buyer_client, buyer, staff_client):
    assert buyer_client.post(reverse("producers:apply"), application()).status_code == 302
    producer = Producer.objects.get(registration_number="1707000999")
    assert not buyer.has_perm("partner.dashboard_access")

    # Staff see it among pending applications and approve it.
    listing = staff_client.get(reverse("dashboard:producer-list"))
    assert producer.name in listing.content.decode()
    review = staff_client.get(reverse("dashboard:producer-review", kwargs={"pk": producer.pk}))
    assert review.status_code == 200
    mail.outbox.clear()
    response = staff_client.post(
        reverse("dashboard:producer-decide", kwargs={"pk": producer.pk}), {"decision": "approve"}
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.status == Producer.Status.APPROVED
    assert producer.approved_at is not None
    assert buyer in producer.partner.users.all()
    assert [m.to for m in mail.outbox] == [sorted({producer.email, buyer.email})]

    # The new cooperative user adds a product with its stock in Oscar's dashboard.
    coop = Client()
    coop.force_login(type(buyer).objects.get(pk=buyer.pk))
    assert coop.get(reverse("dashboard:index")).status_code == 200
    sell_a_product(coop, "Chè búp Tân Cương đặc biệt")
    product = Product.objects.get(title="Chè búp Tân Cương đặc biệt")
    assert [sr.partner for sr in product.stockrecords.all()] == [producer.partner]
    listings.approve(product)  # a new listing waits for staff review (#16)

    # It shows in the shop and on the producer's page.
    shop = Client().get(product.get_absolute_url())
    assert shop.status_code == 200
    page = Client().get(producer.get_absolute_url())
    assert page.status_code == 200
    assert "Chè búp Tân Cương đặc biệt" in page.content.decode()
    assert (
        producer.short_name
        in Client().get(reverse("producers:list") + "?province=19").content.decode()
    )


def test_staff_reject_with_a_reason_that_is_emailed(buyer_client, buyer, staff_client):
    buyer_client.post(reverse("producers:apply"), application())
    producer = Producer.objects.get(registration_number="1707000999")
    url = reverse("dashboard:producer-decide", kwargs={"pk": producer.pk})

    # A reason is required.
    response = staff_client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    producer.refresh_from_db()
    assert producer.status == Producer.Status.APPLIED

    mail.outbox.clear()
    staff_client.post(url, {"decision": "reject", "reason": "Giấy đăng ký đã hết hạn."})
    producer.refresh_from_db()
    assert producer.status == Producer.Status.REJECTED
    assert producer.rejected_at is not None
    assert producer.partner is None
    assert len(mail.outbox) == 1
    assert "Giấy đăng ký đã hết hạn." in mail.outbox[0].body
    assert buyer.email in mail.outbox[0].to
    assert (
        Client().get(reverse("producers:detail", kwargs={"slug": producer.slug})).status_code == 404
    )


def test_staff_see_duplicates_of_an_application(staff_client):
    pending = Producer.objects.get(registration_number__endswith="-B")  # the demo's duplicate
    original = Producer.objects.approved().get(tax_code=pending.tax_code)
    response = staff_client.get(reverse("dashboard:producer-review", kwargs={"pk": pending.pk}))
    assert original in response.context["duplicates"]
    assert original.name in response.content.decode()


def test_a_cooperative_invites_a_user_who_joins_on_accepting(coop_a_client, coop_a_user):
    """The whole invitation flow is in test_producer_invitations.py."""
    producer = Producer.objects.get(partner__users=coop_a_user)
    mail.outbox.clear()
    url = reverse("dashboard:producer-users", kwargs={"pk": producer.pk})
    response = coop_a_client.post(url, {"email": "ke-toan@example.vn"})
    assert response.status_code == 302
    assert not producer.partner.users.filter(email="ke-toan@example.vn").exists()
    assert len(mail.outbox) == 1 and "/producers/invitations/" in mail.outbox[0].body
    assert "ke-toan@example.vn" in coop_a_client.get(url).content.decode()
