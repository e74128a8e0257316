"""Search helps past what shoppers type: synonyms staff edit, "did you mean", the nearest
category, the query log staff read weekly, and the published ranking rules."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from search.models import QueryLog, Synonym, week_of
from search.query import TextQuery

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def titles(client, query):
    response = client.get("/shop/search/", {"q": query})
    assert response.status_code == 200
    ids = list(response.context["paginator"].object_list)
    products = Product.objects.in_bulk(ids)
    return [products[pk].title for pk in ids]


def test_a_synonym_added_in_the_dashboard_changes_results_at_once(client, staff_client):
    assert titles(client, "zorbacafe") == []
    response = staff_client.post(
        "/dashboard/search/synonyms/new/",
        {"terms": "Zorbacafe, cà phê", "note": "seen in the query log", "active": "on"},
    )
    assert response.status_code == 302
    found = titles(client, "zorbacafe")
    assert found and all(t.startswith("Cà phê") for t in found[:3])


def test_editing_and_deleting_a_synonym_take_effect_at_once(client, staff_client):
    synonym = Synonym.objects.create(terms="zorbahoney, mật ong")
    assert titles(client, "zorbahoney")[0].startswith("Mật ong")
    staff_client.post(
        f"/dashboard/search/synonyms/{synonym.pk}/", {"terms": "zorbahoney, tỏi", "active": "on"}
    )
    assert titles(client, "zorbahoney")[0].startswith("Tỏi")
    staff_client.post(f"/dashboard/search/synonyms/{synonym.pk}/delete/")
    assert titles(client, "zorbahoney") == []


def test_the_page_cache_does_not_hide_a_new_synonym(anonymous_client, staff_client):
    first = anonymous_client.get("/shop/search/", {"q": "zorbatea"})
    assert first["X-Page-Cache"] == "miss" and first.context["paginator"].count == 0
    staff_client.post("/dashboard/search/synonyms/new/", {"terms": "zorbatea, trà", "active": "on"})
    again = anonymous_client.get("/shop/search/", {"q": "zorbatea"})
    assert again["X-Page-Cache"] == "miss" and again.context["paginator"].count > 0


def test_a_synonym_needs_two_terms_and_only_staff_edit_them(staff_client, coop_a_client, client):
    response = staff_client.post("/dashboard/search/synonyms/new/", {"terms": "cà phê, Cà Phê"})
    assert response.status_code == 200 and response.context["form"].errors["terms"]
    assert not Synonym.objects.filter(terms="cà phê, Cà Phê").exists()
    assert coop_a_client.get("/dashboard/search/synonyms/").status_code == 403
    assert (
        coop_a_client.post("/dashboard/search/synonyms/new/", {"terms": "a, b"}).status_code == 403
    )
    assert client.get("/dashboard/search/queries/").status_code == 302  # to the login page
    assert staff_client.get("/dashboard/search/synonyms/").status_code == 200


def test_the_starter_synonyms_ship_with_their_source():
    pairs = {term for s in Synonym.objects.all() for term in s.folded_terms()}
    assert {"cafe", "ca phe", "tra", "che", "ca kho", "kho ca", "honey", "fish sauce"} <= pairs
    assert all(s.note for s in Synonym.objects.all())


def test_zero_result_searches_are_logged_and_shown_to_staff_weekly(client, staff_client):
    client.get("/shop/search/", {"q": "Xyzzyquux"})
    client.get("/shop/search/", {"q": "xyzzyquux"})  # served from the page cache: still counted
    client.get("/shop/search/", {"q": "ca phe"})
    row = QueryLog.objects.get(query="xyzzyquux", week=week_of())
    assert (row.searches, row.results) == (2, 0)
    assert QueryLog.objects.get(query="ca phe").results > 0
    report = staff_client.get("/dashboard/search/queries/")
    assert [r.query for r in report.context["zero"]] == ["xyzzyquux"]
    assert "xyzzyquux" in report.content.decode()


def test_clicks_on_results_are_counted_and_low_click_queries_reported(client, staff_client):
    for _n in range(4):
        client.get("/shop/search/", {"q": "mat ong"})
    client.get("/shop/search/", {"q": "ca phe"})
    assert client.post("/shop/search/click/", {"q": "ca phe"}).status_code == 204
    assert QueryLog.objects.get(query="ca phe").clicks == 1
    assert client.get("/shop/search/click/").status_code == 405
    report = staff_client.get("/dashboard/search/queries/")
    assert [r.query for r in report.context["low"]] == ["mat ong"]


def test_filtered_or_later_pages_do_not_count_as_new_searches(client):
    client.get("/shop/search/", {"q": "ca phe"})
    client.get("/shop/search/", {"q": "ca phe", "page": "2"})
    client.get("/shop/search/", {"q": "ca phe", "stars": "4"})
    assert QueryLog.objects.get(query="ca phe").searches == 1


def test_did_you_mean_offers_a_catalogue_word_two_typos_away(client):
    response = client.get("/shop/search/", {"q": "mat onggg"})
    help = response.context["zero_help"]
    assert help.suggestion == "mat ong"
    assert 'href="?q=mat%20ong"' in response.content.decode()


def test_words_found_only_apart_suggest_the_ones_that_go_together(client):
    response = client.get("/shop/search/", {"q": "nuoc mam koi"})
    help = response.context["zero_help"]
    assert help.products and help.suggestion in ("nuoc mam", "koi")
    assert titles(client, help.suggestion)


def test_zero_results_link_the_nearest_category(client):
    response = client.get("/shop/search/", {"q": "ca phe zzqxy"})
    help = response.context["zero_help"]
    assert help.category is not None and "phê" in help.category.get_name().lower()
    assert help.category.get_absolute_url() in response.content.decode()


def test_a_search_with_results_offers_no_zero_result_help(client):
    assert "zero_help" not in client.get("/shop/search/", {"q": "ca phe"}).context


def test_the_ranking_explanation_exists_in_both_languages_and_is_linked(client):
    results = client.get("/shop/search/", {"q": "ca phe"}).content.decode()
    assert "/shop/search/ranking/" in results
    vi = client.get("/shop/search/ranking/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Cách sắp xếp kết quả tìm kiếm" in vi and "hạng OCOP" in vi
    en = client.get("/shop/search/ranking/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "How search results are ordered" in en and "OCOP rating" in en


def test_joined_syllables_and_typos_are_read_from_the_catalogue_vocabulary():
    assert [a.words for a in TextQuery.parse("banhtrang").slots[0].fixes()] == [("banh", "trang")]
    assert ("ong",) in [a.words for a in TextQuery.parse("mat ongg").slots[1].fixes()]
    assert TextQuery.parse("zzqxyzzq").slots[0].fixes() == []
    # A word of three letters is not corrected: "ong" is not "on" or "mong".
    assert TextQuery.parse("ong").slots[0].fixes() == []


def test_a_search_served_from_the_page_cache_costs_one_update_for_the_log():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    Client().get("/shop/search/", {"q": "mat ong"})
    with CaptureQueriesContext(connection) as context:
        assert Client().get("/shop/search/", {"q": "mat ong"})["X-Page-Cache"] == "hit"
    sql = [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) == 1 and sql[0].startswith("UPDATE")
    assert QueryLog.objects.get(query="mat ong").searches == 2
