"""Editors create every CMS page type through Wagtail's admin; bad input is refused and changes nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.conf import settings
from oscar.core.loading import get_model
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    CoursePage,
    DisplayCentrePage,
    EventIndexPage,
    EventPage,
    HomePage,
    HonourPage,
    HonourRollPage,
    NewsArticlePage,
    NewsIndexPage,
    SalesPointPage,
    ShowcasePage,
    TrainingIndexPage,
)
from producers.models import Producer

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")

# The inline panels of each page type: the admin form expects their management data.
INLINES = {
    HomePage: ["featured_products", "featured_producers"],
    NewsArticlePage: ["related_products"],
    SalesPointPage: ["products"],
    CoursePage: ["sessions"],
}
STREAMS = {
    NewsArticlePage: ["body", "body_en"],
    ShowcasePage: ["body"],
    CoursePage: ["materials"],
}


def form_data(model, **fields) -> dict:
    data = {"comments": inline_formset([])}
    for name in INLINES.get(model, []):
        data[name] = inline_formset([])
    for name in STREAMS.get(model, []):
        data[name] = streamfield([])
    data.update(fields)
    return nested_form_data(data)


def home() -> HomePage:
    return HomePage.objects.get(depth=2)


def add(client, model, parent, data, publish=True):
    url = f"/cms/pages/add/cms/{model._meta.model_name}/{parent.pk}/"
    if publish:
        data = {**data, "action-publish": "publish"}
    return client.post(url, data)


def render_both_languages(client, page, vi_text, en_text):
    for language, text in (("vi", vi_text), ("en", en_text)):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(page.url)
        assert response.status_code == 200, (language, page.url)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert text in html, (language, text)


def product():
    return Product.objects.browsable().filter(stockrecords__isnull=False).order_by("pk").first()


def producer():
    return Producer.objects.approved().order_by("pk").first()


def test_it_creates_a_news_index_and_an_article_with_a_product_card(staff_client):
    response = add(
        staff_client,
        NewsIndexPage,
        home(),
        form_data(
            NewsIndexPage,
            title="Bản tin HTX",
            title_en="Cooperative bulletin",
            slug="ban-tin-htx",
            intro=rich_text("<p>Tin hợp tác xã</p>"),
            intro_en=rich_text("<p>Cooperative news</p>"),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    index = NewsIndexPage.objects.get(slug="ban-tin-htx")
    item = product()
    response = add(
        staff_client,
        NewsArticlePage,
        index,
        form_data(
            NewsArticlePage,
            title="Mùa chè mới",
            title_en="The new tea season",
            slug="mua-che-moi",
            date="2026-11-01",
            author="Ban biên tập",
            summary="Chè Tân Cương vào vụ.",
            summary_en="Tân Cương tea is in season.",
            tags="che, mua-vu",
            body=streamfield(
                [("paragraph", rich_text("<p>Nội dung bài</p>")), ("product", {"product": item.pk})]
            ),
            related_products=inline_formset([{"product": item.pk}]),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = NewsArticlePage.objects.get(slug="mua-che-moi")
    assert article.live
    assert [r.product_id for r in article.related_products.all()] == [item.pk]
    assert sorted(article.tags.names()) == ["che", "mua-vu"]
    render_both_languages(staff_client, index, "Mùa chè mới", "The new tea season")
    render_both_languages(
        staff_client, article, "Chè Tân Cương vào vụ.", "Tân Cương tea is in season."
    )
    html = staff_client.get(article.url).content.decode()
    assert item.get_absolute_url() in html


def test_it_refuses_an_article_with_a_bad_date_and_creates_nothing(staff_client):
    index = NewsIndexPage.objects.child_of(home()).first()
    before = NewsArticlePage.objects.count()
    response = add(
        staff_client,
        NewsArticlePage,
        index,
        form_data(NewsArticlePage, title="Sai ngày", slug="sai-ngay", date="31/31/2026"),
    )
    assert response.status_code == 200
    assert (
        "Enter a valid date" in response.content.decode()
        or "Nhập một ngày hợp lệ" in response.content.decode()
    )
    assert NewsArticlePage.objects.count() == before


def test_it_refuses_a_slug_already_used_by_a_sibling(staff_client):
    existing = NewsIndexPage.objects.child_of(home()).first()
    before = Page.objects.count()
    response = add(
        staff_client,
        NewsIndexPage,
        home(),
        form_data(NewsIndexPage, title="Trùng", slug=existing.slug),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"The slug &#x27;{existing.slug}&#x27; is already in use" in html
        or "đã được dùng" in html
        or existing.slug in html
    )
    assert "error-message" in html or "w-field__errors" in html
    assert Page.objects.count() == before


def test_it_creates_a_display_centre_a_showcase_by_saved_filter_and_a_sales_point(staff_client):
    response = add(
        staff_client,
        DisplayCentrePage,
        home(),
        form_data(
            DisplayCentrePage, title="Trung tâm thử", title_en="Test centre", slug="trung-tam-thu"
        ),
    )
    assert response.status_code == 302
    centre = DisplayCentrePage.objects.get(slug="trung-tam-thu")
    Category = get_model("catalogue", "Category")
    beverages = Category.objects.get(code="2")
    drink = (
        Product.objects.browsable()
        .filter(categories__in=beverages.get_descendants_and_self())
        .first()
    )
    response = add(
        staff_client,
        ShowcasePage,
        centre,
        form_data(
            ShowcasePage,
            title="Đồ uống",
            title_en="Drinks",
            slug="do-uong",
            body=streamfield(
                [
                    (
                        "product_filter",
                        {
                            "heading": "Đồ uống OCOP",
                            "heading_en": "OCOP drinks",
                            "category": "2",
                            "province": "",
                            "min_stars": "0",
                            "order": "title",
                            "limit": "48",
                        },
                    )
                ]
            ),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    showcase = ShowcasePage.objects.get(slug="do-uong")
    render_both_languages(staff_client, showcase, "Đồ uống OCOP", "OCOP drinks")
    assert drink.get_absolute_url() in staff_client.get(showcase.url).content.decode()

    item = product()
    response = add(
        staff_client,
        SalesPointPage,
        centre,
        form_data(
            SalesPointPage,
            title="Điểm bán Cần Thơ",
            title_en="Cần Thơ shop",
            slug="diem-ban-can-tho",
            address="1 Hòa Bình",
            province_code="92",
            opening_hours="8:00–17:00",
            opening_hours_en="8 am–5 pm",
            products=inline_formset([{"product": item.pk}]),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    point = SalesPointPage.objects.get(slug="diem-ban-can-tho")
    render_both_languages(staff_client, point, "8:00–17:00", "8 am–5 pm")
    render_both_languages(staff_client, centre, "Điểm bán Cần Thơ", "Cần Thơ shop")


def test_it_refuses_a_showcase_filter_without_a_sensible_count_and_a_point_without_address(
    staff_client,
):
    centre = DisplayCentrePage.objects.child_of(home()).first()
    before = Page.objects.count()
    response = add(
        staff_client,
        ShowcasePage,
        centre,
        form_data(
            ShowcasePage,
            title="Sai",
            slug="sai",
            body=streamfield(
                [
                    (
                        "product_filter",
                        {
                            "heading": "",
                            "heading_en": "",
                            "category": "",
                            "province": "",
                            "min_stars": "0",
                            "order": "rating",
                            "limit": "0",
                        },
                    )
                ]
            ),
        ),
    )
    assert response.status_code == 200
    response = add(
        staff_client,
        SalesPointPage,
        centre,
        form_data(
            SalesPointPage,
            title="Không địa chỉ",
            slug="khong-dia-chi",
            address="",
            province_code="99",
        ),
    )
    assert response.status_code == 200
    assert Page.objects.count() == before


def test_it_creates_an_events_index_and_a_fair_and_refuses_one_ending_before_it_starts(
    staff_client,
):
    response = add(
        staff_client,
        EventIndexPage,
        home(),
        form_data(EventIndexPage, title="Sự kiện", title_en="Events", slug="su-kien"),
    )
    assert response.status_code == 302
    index = EventIndexPage.objects.get(slug="su-kien")
    start = datetime.date.today() + datetime.timedelta(days=30)
    fair = {
        "kind": "fair",
        "venue": "Nhà Văn hóa",
        "province_code": "01",
        "organiser": "Liên minh HTX",
        "booth_capacity": "10",
        "summary": "Hội chợ thử",
        "summary_en": "A test fair",
    }
    bad = form_data(
        EventPage,
        title="Hội chợ ngược",
        slug="nguoc",
        start_date=str(start),
        end_date=str(start - datetime.timedelta(days=2)),
        **fair,
    )
    response = add(staff_client, EventPage, index, bad)
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="nguoc").exists()
    good = form_data(
        EventPage,
        title="Hội chợ thử",
        title_en="Test fair",
        slug="hoi-cho-thu",
        start_date=str(start),
        end_date=str(start + datetime.timedelta(days=2)),
        **fair,
    )
    response = add(staff_client, EventPage, index, good)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="hoi-cho-thu")
    render_both_languages(staff_client, event, "Hội chợ thử", "A test fair")
    render_both_languages(staff_client, index, "Hội chợ thử", "Test fair")


def test_it_creates_an_honour_roll_and_an_honour_linked_to_a_cooperative(staff_client):
    response = add(
        staff_client,
        HonourRollPage,
        home(),
        form_data(HonourRollPage, title="Vinh danh", title_en="Honours", slug="vinh-danh"),
    )
    assert response.status_code == 302
    roll = HonourRollPage.objects.get(slug="vinh-danh")
    coop = producer()
    fields = {
        "title": "HTX tiêu biểu",
        "title_en": "Exemplary cooperative",
        "slug": "htx-tieu-bieu",
        "kind": "cooperative",
        "citation": rich_text("<p>Vì thành tích xuất sắc</p>"),
        "citation_en": rich_text("<p>For outstanding work</p>"),
        "producer": coop.pk,
    }
    response = add(staff_client, HonourPage, roll, form_data(HonourPage, year="1800", **fields))
    assert response.status_code == 200
    assert not HonourPage.objects.filter(slug="htx-tieu-bieu").exists()
    response = add(staff_client, HonourPage, roll, form_data(HonourPage, year="2025", **fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    honour = HonourPage.objects.get(slug="htx-tieu-bieu")
    render_both_languages(staff_client, honour, "Vì thành tích xuất sắc", "For outstanding work")
    assert coop.get_absolute_url() in staff_client.get(honour.url).content.decode()
    render_both_languages(staff_client, roll, "HTX tiêu biểu", "Exemplary cooperative")


def test_it_creates_a_course_with_a_session_and_refuses_a_session_ending_before_it_starts(
    staff_client,
):
    response = add(
        staff_client,
        TrainingIndexPage,
        home(),
        form_data(TrainingIndexPage, title="Tập huấn", title_en="Courses", slug="tap-huan"),
    )
    assert response.status_code == 302
    index = TrainingIndexPage.objects.get(slug="tap-huan")
    fields = {
        "title": "Kế toán HTX",
        "title_en": "Cooperative bookkeeping",
        "slug": "ke-toan-htx",
        "summary": "Sổ sách cho HTX",
        "summary_en": "Books for cooperatives",
    }
    bad = form_data(
        CoursePage,
        **fields,
        sessions=inline_formset(
            [
                {
                    "starts_at": "2030-01-10 08:00",
                    "ends_at": "2030-01-10 07:00",
                    "place": "Hà Nội",
                    "online_url": "",
                    "capacity": "20",
                }
            ]
        ),
    )
    response = add(staff_client, CoursePage, index, bad)
    assert response.status_code == 200
    assert not CoursePage.objects.filter(slug="ke-toan-htx").exists()
    good = form_data(
        CoursePage,
        **fields,
        sessions=inline_formset(
            [
                {
                    "starts_at": "2030-01-10 08:00",
                    "ends_at": "2030-01-10 16:00",
                    "place": "Hà Nội",
                    "online_url": "",
                    "capacity": "20",
                }
            ]
        ),
    )
    response = add(staff_client, CoursePage, index, good)
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="ke-toan-htx")
    assert course.sessions.get().capacity == 20
    render_both_languages(staff_client, course, "Sổ sách cho HTX", "Books for cooperatives")
    render_both_languages(staff_client, index, "Kế toán HTX", "Cooperative bookkeeping")


def test_it_edits_the_home_page_and_refuses_a_missing_featured_count(staff_client):
    page = home()
    item = product()
    url = f"/cms/pages/{page.pk}/edit/"
    fields = {
        "title": page.title,
        "title_en": "OCOP Marketplace",
        "slug": page.slug,
        "hero_title": "Chào mừng",
        "hero_title_en": "Welcome",
        "featured_producer_count": "4",
        "featured_products": inline_formset([{"product": item.pk}]),
    }
    response = staff_client.post(
        url, {**form_data(HomePage, featured_count="", **fields), "action-publish": "publish"}
    )
    assert response.status_code == 200
    assert not HomePage.objects.get(pk=page.pk).featured_products.exists()
    response = staff_client.post(
        url, {**form_data(HomePage, featured_count="8", **fields), "action-publish": "publish"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    render_both_languages(staff_client, page, "Chào mừng", "Welcome")
    assert item.get_absolute_url() in staff_client.get("/").content.decode()


def test_only_one_home_page_can_exist(staff_client):
    root = Page.get_first_root_node()
    response = staff_client.post(
        f"/cms/pages/add/cms/homepage/{root.pk}/",
        form_data(
            HomePage,
            title="Trang chủ hai",
            slug="trang-chu-2",
            featured_count="8",
            featured_producer_count="4",
        ),
    )
    assert response.status_code in (302, 403)
    assert HomePage.objects.count() == 1


def _png(size: int) -> bytes:
    """A PNG of random pixels (which do not compress) at least `size` bytes long."""
    import os

    side = int((size / 3) ** 0.5) + 1
    image = PILImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0)
    return buffer.getvalue()


def test_an_oversized_image_upload_is_refused_with_a_clear_message(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Image = get_image_model()
    before = Image.objects.count()
    data = _png(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1024)
    assert len(data) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = staff_client.post(
        "/cms/images/add/",
        {
            "title": "Ảnh quá lớn",
            "file": SimpleUploadedFile("lon.png", data, content_type="image/png"),
            "collection": 1,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file is too big" in html or "Tệp này quá lớn" in html or "quá lớn" in html
    assert Image.objects.count() == before
