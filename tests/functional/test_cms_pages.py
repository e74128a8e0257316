"""The demo's CMS pages answer in both languages with their content; the display centre filters by province."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils.html import escape

from cms.models import (
    CoursePage,
    DisplayCentrePage,
    EventIndexPage,
    EventPage,
    HomePage,
    HonourRollPage,
    SalesPointPage,
    ShowcasePage,
)
from producers.models import Producer

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["vi", "en"])
def language(request, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    return request.param


def text(page, field, language):
    return escape(_text(page, field, language))


def _text(page, field, language):
    english = getattr(page, f"{field}_en", "")
    return english if language == "en" and english else getattr(page, field)


def test_the_demo_has_the_whole_page_tree():
    home = HomePage.objects.get(depth=2)
    centre = DisplayCentrePage.objects.child_of(home).get()
    assert ShowcasePage.objects.child_of(centre).count() == 6
    assert SalesPointPage.objects.child_of(centre).count() == 5
    assert EventPage.objects.count() >= 3 and any(e.is_past for e in EventPage.objects.all())
    assert HonourRollPage.objects.child_of(home).exists()
    assert CoursePage.objects.count() >= 2
    assert all(course.sessions.exists() for course in CoursePage.objects.all())


def test_the_home_page_shows_figures_featured_cooperatives_and_upcoming_fairs(client, language):
    html = client.get("/").content.decode()
    assert 'class="figure-card figure-card--cooperatives"' in html
    figures = HomePage.headline_figures()
    assert figures["cooperatives"] == Producer.objects.approved().count() > 0
    assert f"{figures['provinces']}</span>" in html
    upcoming = EventPage.objects.filter(slug="hoi-cho-ocop-ha-noi").get()
    assert text(upcoming, "title", language) in html
    past = EventPage.objects.get(slug="hoi-cho-xuan-2026")
    assert text(past, "title", language) not in html
    assert 'class="cms-card producer-card"' in html


def test_the_events_index_separates_upcoming_and_past(client, language):
    index = EventIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    upcoming, past = html.split('class="cms-section past-events"')
    assert text(EventPage.objects.get(slug="hoi-cho-ocop-ha-noi"), "title", language) in upcoming
    assert text(EventPage.objects.get(slug="hoi-cho-xuan-2026"), "title", language) in past


def test_each_sector_showcase_lists_that_sectors_products(client, language):
    showcase = ShowcasePage.objects.get(slug="nganh-2")
    html = client.get(showcase.url).content.decode()
    assert html.count('class="product-card') > 0
    assert ("Đồ uống" if language == "vi" else "Beverages") in html


def test_the_display_centre_filters_sales_points_by_province(client, language):
    centre = DisplayCentrePage.objects.get()
    html = client.get(centre.url + "?province=48").content.decode()
    assert text(SalesPointPage.objects.get(slug="diem-ban-da-nang"), "title", language) in html
    assert text(SalesPointPage.objects.get(slug="diem-ban-hue"), "title", language) not in html
    html = client.get(centre.url + "?province=zz").content.decode()
    assert text(SalesPointPage.objects.get(slug="diem-ban-hue"), "title", language) in html


def test_a_course_page_lists_its_materials_and_sessions(client, language):
    course = CoursePage.objects.get(slug="ban-hang-truc-tuyen")
    html = client.get(course.url).content.decode()
    assert "/documents/" in html
    assert html.count('class="session"') == course.sessions.count()
