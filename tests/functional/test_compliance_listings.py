"""Listings start in review (E-commerce Law 122/2025/QH15): a cooperative's new or materially
changed listing is hidden until staff, or the trusted-cooperative rule, approve it; deleted
listings are kept for the retention period."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from compliance import listings, retention
from compliance.models import ListingRecord, ListingReview, TrustedSeller
from tests.factories import ProductFactory
from tests.functional.test_producer_onboarding import product_form_data, sell_a_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def test_a_cooperatives_new_listing_cannot_be_published_while_pending(coop_a_client, staff):
    sell_a_product(coop_a_client, "Mật ong bạc hà chờ duyệt")  # posts is_public=on
    product = Product.objects.get(title="Mật ong bạc hà chờ duyệt")
    assert product.listing_review.status == ListingReview.Status.PENDING
    assert not product.is_public
    assert Client().get(product.get_absolute_url()).status_code == 404

    # Whatever saves it, it stays unpublished until approved.
    product.is_public = True
    product.save()
    product.refresh_from_db()
    assert not product.is_public

    listings.approve(product, by=staff)
    product.refresh_from_db()
    assert product.is_public
    assert Client().get(product.get_absolute_url()).status_code == 200
    events = list(
        ListingRecord.objects.filter(product_id_kept=product.pk).values_list("event", flat=True)
    )
    assert sorted(events) == ["approved", "submitted"]


def test_a_material_change_goes_back_to_review(coop_a_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.first(), title="Trà shan tuyết")
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = product_form_data(coop_a_client, url, structure="standalone", is_public="on")
    form = coop_a_client.get(url).context["form"]
    for field in form:
        if field.html_name not in data and field.value() not in (None, "", False):
            data[field.html_name] = field.value()
    data["title"] = "Trà shan tuyết cổ thụ"
    response = coop_a_client.post(url, data)
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.listing_review.status == ListingReview.Status.PENDING
    assert not product.is_public


def test_staff_edits_and_trusted_cooperatives_publish_at_once(coop_a_user, staff):
    product = ProductFactory(partner=coop_a_user.partners.first())
    TrustedSeller.objects.create(producer=product.producer, note="5 năm không vi phạm")
    listings.submit(product, by=coop_a_user)
    product.refresh_from_db()
    assert product.is_public
    assert product.listing_review.status == ListingReview.Status.APPROVED


def test_a_rejected_listing_stays_hidden(coop_a_user, staff):
    product = ProductFactory(partner=coop_a_user.partners.first())
    listings.reject(product, "Thiếu giấy chứng nhận an toàn thực phẩm", by=staff)
    product.is_public = True
    product.save()
    product.refresh_from_db()
    assert not product.is_public


def test_deleted_listings_are_kept_for_the_retention_period(coop_a_user, settings):
    product = ProductFactory(partner=coop_a_user.partners.first(), title="Sản phẩm sẽ xoá")
    pk = product.pk
    product.delete()
    kept = ListingRecord.objects.get(product_id_kept=pk, event="deleted")
    assert kept.snapshot["title"] == "Sản phẩm sẽ xoá"

    retention.apply(now=timezone.now() + datetime.timedelta(days=364))
    assert ListingRecord.objects.filter(pk=kept.pk).exists()
    retention.apply(
        now=timezone.now() + datetime.timedelta(days=settings.COMPLIANCE_LISTING_RETENTION_DAYS + 1)
    )
    assert not ListingRecord.objects.filter(pk=kept.pk).exists()
