"""Staff tools: a CMS slug clash explained where the editor looks, the OCOP rating form from
the dashboard menu with its required fields, the booth form's product list laid out as a list."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from oscar.core.loading import get_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import NewsArticlePage, NewsIndexPage
from tests.factories import ProductFactory
from tests.functional.test_fair_registration import make_event

pytestmark = pytest.mark.django_db

OcopRating = get_model("catalogue", "OcopRating")
RATINGS = "/dashboard/ocop/ratings/"


def article_data(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "comments": inline_formset([]),
            "related_products": inline_formset([]),
            "body": streamfield([]),
            "body_en": streamfield([]),
        }
    )


def test_a_second_create_with_a_used_slug_says_so_on_the_title_with_a_free_one(client):
    editor = get_user_model().objects.create_user(
        username="editor@ocop.vn", email="editor@ocop.vn", password="x"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    index = NewsIndexPage.objects.first()
    url = f"/cms/pages/add/cms/newsarticlepage/{index.pk}/"
    # The first save (as Wagtail's autosave makes it) creates the draft…
    assert client.post(url, article_data("Hội chợ mùa xuân", "hoi-cho-mua-xuan")).status_code == 302
    first = NewsArticlePage.objects.get(slug="hoi-cho-mua-xuan")
    # …and submitting the create form again clashes on the slug, on the Promote tab.
    response = client.post(url, article_data("Hội chợ mùa xuân", "hoi-cho-mua-xuan"))
    assert response.status_code == 200
    assert NewsArticlePage.objects.filter(title="Hội chợ mùa xuân").count() == 1
    errors = " ".join(str(e) for e in response.context["form"].errors["title"])
    assert "hoi-cho-mua-xuan-2" in errors
    assert f"/cms/pages/{first.pk}/edit/" in errors
    assert "Địa chỉ “hoi-cho-mua-xuan” đã được trang “Hội chợ mùa xuân”" in errors
    assert f'href="/cms/pages/{first.pk}/edit/"' in response.content.decode()


def test_the_rating_form_is_in_the_staff_menu_and_not_a_cooperatives(staff_client, coop_a_client):
    assert f'href="{RATINGS}"' in staff_client.get("/dashboard/").content.decode()
    coop_home = coop_a_client.get("/dashboard/").content.decode()
    assert f'href="{RATINGS}"' not in coop_home
    assert 'href="/dashboard/ocop/expiring/"' in coop_home
    assert coop_a_client.get(RATINGS).status_code == 403


def test_staff_find_a_product_and_the_form_requires_the_decision(staff_client):
    product = ProductFactory(title="Mật ong rừng U Minh thử")
    listing = staff_client.get(RATINGS, {"q": "rừng U Minh thử"})
    assert listing.status_code == 200
    assert list(listing.context["products"]) == [product]
    rating_url = f"/dashboard/ocop/products/{product.pk}/rating/"
    assert f'href="{rating_url}"' in listing.content.decode()

    form_page = staff_client.get(rating_url).content.decode()
    for name in ("score_a", "score_b", "score_c", "authority_name", "decision_number", "issued_on"):
        assert f'name="{name}"' in form_page
    response = staff_client.post(rating_url, {"score": "80"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"score_a", "score_b", "score_c", "decision_number", "issued_on"} <= set(errors)
    assert not OcopRating.objects.filter(product=product).exists()


def test_the_booth_form_lists_products_as_checkboxes_not_in_an_input_box(coop_a_client):
    event = make_event()
    html = coop_a_client.get(event.url + "register/").content.decode()
    assert '<fieldset class="form-group booth-products"' in html
    assert 'class="form-check-input"' in html
    # Oscar's field partial put the whole list in a box one text input high.
    assert 'class="form-control" id="id_products"' not in html
    assert html.index("booth-products") < html.index('name="contact_name"')
