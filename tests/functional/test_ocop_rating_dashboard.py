"""Alliance staff record and correct a product's OCOP rating in the dashboard; cooperatives,
even for their own products, and anonymous visitors cannot."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rating_rules import add_months, current_rules
from catalogue.versions import CATALOGUE_VERSION
from tests.factories import ProductFactory

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
OcopRating = get_model("catalogue", "OcopRating")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def product():
    return ProductFactory()


@pytest.fixture
def product_of_a(coop_a_user):
    return ProductFactory(partner=Partner.objects.get(users=coop_a_user))


def url(product) -> str:
    return reverse("ocop:rating", kwargs={"product_pk": product.pk})


def min_score(stars: int) -> int:
    return next(low for low, band in current_rules().bands if band == stars)


def parts_for(total: int) -> dict[str, int]:
    """Parts within their maxima that add up to `total`, filling A, then B, then C."""
    parts, left = {}, total
    for part in current_rules().parts:
        parts[f"score_{part.code.lower()}"] = min(left, part.max)
        left -= parts[f"score_{part.code.lower()}"]
    assert left == 0
    return parts


def form_data(total: int, **fields) -> dict:
    issued = timezone.localdate() - datetime.timedelta(days=10)
    return {
        **parts_for(total),
        "score": "",
        "stars": "",
        "authority": "",
        "authority_name": "UBND tỉnh Thử nghiệm",
        "decision_number": "123/QĐ-UBND",
        "certificate_number": "OCOP-T-1",
        "issued_on": issued.isoformat(),
        "expires_on": "",
        **fields,
    }


def test_staff_record_a_rating_with_its_scan(staff_client, product):
    rules = current_rules()
    response = staff_client.get(url(product))
    assert response.status_code == 200
    assert "stars" in response.context["form"].fields

    before = CATALOGUE_VERSION.current()
    data = form_data(min_score(4) + 1)
    data["certificate_scan"] = SimpleUploadedFile("giay-chung-nhan.pdf", PDF, "application/pdf")
    response = staff_client.post(url(product), data)
    assert response.status_code == 302
    assert response["Location"] == url(product)

    rating = OcopRating.objects.get(product=product)
    assert rating.score == min_score(4) + 1  # the sum of the parts
    assert rating.stars == 4
    assert rating.authority == rules.authority_for(4)
    assert rating.expires_on == add_months(rating.issued_on, rules.validity_months)
    assert rating.certificate_scan.read() == PDF
    assert CATALOGUE_VERSION.current() != before

    page = staff_client.get(url(product))
    assert page.context["rating"] == rating
    assert "4★" in page.content.decode()


def test_staff_edit_a_rating_and_a_new_issue_date_renews_the_expiry(staff_client, product):
    rules = current_rules()
    rating = OcopRating.objects.create(
        product=product, score=min_score(4), issued_on=datetime.date(2023, 5, 1)
    )
    total = min_score(5)
    data = form_data(
        total,
        score=str(total),
        stars="5",
        authority=rules.authority_for(5),
        issued_on="2025-06-02",
        expires_on=rating.expires_on.isoformat(),  # unchanged: follows the new issue date
    )
    response = staff_client.post(url(product), data)
    assert response.status_code == 302

    rating.refresh_from_db()
    assert (rating.score, rating.stars) == (total, 5)
    assert rating.authority == rules.authority_for(5)
    assert rating.expires_on == add_months(datetime.date(2025, 6, 2), rules.validity_months)
    assert OcopRating.objects.filter(product=product).count() == 1


def test_stars_that_do_not_follow_the_score_are_refused(staff_client, product):
    response = staff_client.post(url(product), form_data(min_score(4), stars="5"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "stars" in errors and "4★" in errors["stars"][0]
    assert not OcopRating.objects.filter(product=product).exists()


def test_a_part_above_its_maximum_is_refused(staff_client, product):
    part = current_rules().part("A")
    data = form_data(min_score(3), score_a=str(part.max + 1))
    response = staff_client.post(url(product), data)
    assert response.status_code == 200
    assert str(part.max) in response.context["form"].errors["score_a"][0]
    assert not OcopRating.objects.filter(product=product).exists()


def test_a_total_that_is_not_the_sum_of_the_parts_is_refused(staff_client, product):
    response = staff_client.post(url(product), form_data(min_score(3), score=min_score(3) + 1))
    assert response.status_code == 200
    assert "score" in response.context["form"].errors
    assert not OcopRating.objects.filter(product=product).exists()


def test_an_authority_that_does_not_recognise_these_stars_is_refused(staff_client, product):
    rules = current_rules()
    wrong = next(a for a in OcopRating.Authority.values if a != rules.authority_for(5))
    response = staff_client.post(url(product), form_data(min_score(5), authority=wrong))
    assert response.status_code == 200
    assert "authority" in response.context["form"].errors
    assert not OcopRating.objects.filter(product=product).exists()


def test_an_expiry_before_the_issue_date_is_refused(staff_client, product):
    data = form_data(min_score(3), issued_on="2025-06-02", expires_on="2025-06-01")
    response = staff_client.post(url(product), data)
    assert "expires_on" in response.context["form"].errors
    assert not OcopRating.objects.filter(product=product).exists()


@pytest.mark.parametrize(
    "upload",
    [
        ("giay-chung-nhan.pdf", b"not a pdf at all", "application/pdf"),
        ("giay-chung-nhan.exe", b"MZ\x90\x00\x03", "application/octet-stream"),
        ("giay-chung-nhan.jpg", PDF, "image/jpeg"),
    ],
)
def test_a_scan_that_is_not_a_pdf_jpeg_or_png_is_refused(staff_client, product, upload):
    data = form_data(min_score(4), certificate_scan=SimpleUploadedFile(*upload))
    response = staff_client.post(url(product), data)
    assert response.status_code == 200
    assert "certificate_scan" in response.context["form"].errors
    assert not OcopRating.objects.filter(product=product).exists()


def test_an_existing_rating_is_left_as_it_was_by_an_invalid_form(staff_client, product):
    rating = OcopRating.objects.create(product=product, score=min_score(4))
    bad = SimpleUploadedFile("scan.pdf", b"nope", "application/pdf")
    response = staff_client.post(
        url(product), form_data(min_score(5), certificate_scan=bad, certificate_number="NEW")
    )
    assert response.status_code == 200
    rating.refresh_from_db()
    assert (rating.score, rating.certificate_number, rating.certificate_scan.name) == (
        min_score(4),
        "",
        "",
    )


def test_a_cooperative_cannot_rate_even_its_own_product(coop_a_client, product_of_a):
    OcopRating.objects.filter(product=product_of_a).delete()
    assert coop_a_client.get(url(product_of_a)).status_code in (403, 404)
    response = coop_a_client.post(url(product_of_a), form_data(min_score(5)))
    assert response.status_code in (403, 404)
    assert not OcopRating.objects.filter(product=product_of_a).exists()


def test_a_cooperative_sees_no_rating_link_in_its_expiring_list(coop_a_client, staff_client):
    link = 'href="/dashboard/ocop/products/'
    assert link not in coop_a_client.get(reverse("ocop:expiring")).content.decode()
    certified = OcopRating.objects.filter(
        revoked=False, issued_on__isnull=False, stars__in=current_rules().certifiable_stars
    )
    rating = certified.order_by("pk").first()
    rating.expires_on = timezone.localdate() + datetime.timedelta(days=3)
    rating.save()
    page = staff_client.get(reverse("ocop:expiring")).content.decode()
    assert f'href="{url(rating.product)}"' in page


def test_anonymous_visitors_are_sent_to_log_in(anonymous_client, product):
    for response in (
        anonymous_client.get(url(product)),
        anonymous_client.post(url(product), form_data(min_score(4))),
    ):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert not OcopRating.objects.filter(product=product).exists()


def test_an_unknown_product_is_not_found(staff_client):
    missing = (Product.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    assert staff_client.get(f"/dashboard/ocop/products/{missing}/rating/").status_code == 404
    assert staff_client.post(f"/dashboard/ocop/products/{missing}/rating/", {}).status_code == 404


def test_the_product_page_in_the_dashboard_links_to_the_rating(staff_client, product):
    page = staff_client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    assert page.status_code == 200
    assert f'href="{url(product)}"' in page.content.decode()


def test_the_django_admin_refuses_a_scan_that_is_not_a_document(staff_client, product):
    rating = OcopRating.objects.create(product=product, score=min_score(4))
    admin_url = reverse("admin:catalogue_ocoprating_change", args=[rating.pk])
    data = {
        "product": product.pk,
        **parts_for(min_score(4)),
        "score": min_score(4),
        "certificate_scan": SimpleUploadedFile("scan.png", b"not a png", "image/png"),
    }
    response = staff_client.post(admin_url, data)
    assert response.status_code == 200
    assert "certificate_scan" in response.context["adminform"].form.errors
    rating.refresh_from_db()
    assert not rating.certificate_scan


def test_the_rating_page_makes_a_few_queries(staff_client, product, django_assert_max_num_queries):
    OcopRating.objects.create(product=product, score=min_score(4))
    with django_assert_max_num_queries(10):
        assert staff_client.get(url(product)).status_code == 200


def test_without_a_total_every_part_is_needed(staff_client, product):
    response = staff_client.post(url(product), form_data(min_score(3), score_c=""))
    assert response.status_code == 200
    assert "score" in response.context["form"].errors
    assert not OcopRating.objects.filter(product=product).exists()
