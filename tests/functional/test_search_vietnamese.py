"""Search as Vietnamese visitors type: no diacritics, any case, đ or d, a typo; ranked; with facets."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from lib.text import fold

Product = get_model("catalogue", "Product")
Producer = get_model("producers", "Producer")

pytestmark = pytest.mark.django_db


def every_result(response) -> list:
    """All the products a listing matched, in its order (the paginator pages through ids)."""
    ids = list(response.context["paginator"].object_list)
    products = Product.objects.in_bulk(ids)
    return [products[pk] for pk in ids]


def titles(client, query, **params):
    response = client.get("/shop/search/", {"q": query, **params})
    assert response.status_code == 200
    return [p.title for p in every_result(response)]


def test_ca_phe_buon_ma_thuot_finds_buon_ma_thuot_coffee(client):
    found = titles(client, "ca phe buon ma thuot")
    assert found
    assert all(
        "Buôn Ma Thuột" in t or "buon ma thuot" in fold(Product.objects.get(title=t).search_body)
        for t in found
    )
    assert "Cà phê" in found[0] and "Buôn Ma Thuột" in found[0]


def test_nuoc_mam_finds_nuoc_mam(client):
    found = titles(client, "nuoc mam")
    assert found and all("Nước mắm" in t or "nước mắm" in t.lower() for t in found[:3])


def test_d_and_d_with_stroke_match_each_other(client):
    assert titles(client, "dak lak") == titles(client, "Đắk Lắk") != []


def test_search_ignores_case(client):
    assert titles(client, "CÀ PHÊ") == titles(client, "cà phê") == titles(client, "ca phe") != []


def test_a_title_match_ranks_above_a_description_match(client):
    product_class = Product.objects.first().product_class
    in_text = Product.objects.create(
        title="Mứt gừng",
        description="Làm theo công thức zorbaxin cổ truyền",
        product_class=product_class,
    )
    in_title = Product.objects.create(title="Mứt zorbaxin", product_class=product_class)
    found = titles(client, "zorbaxin")
    assert found == [in_title.title, in_text.title]


def test_words_match_whole_words_not_parts_of_words(client):
    product_class = Product.objects.first().product_class
    fish = Product.objects.create(title="Cá kho làng Vũ Đại", product_class=product_class)
    Product.objects.create(title="Cao dược liệu", product_class=product_class)
    Product.objects.create(title="Khô cá (sấy lạnh)", product_class=product_class)
    found = titles(client, "ca kho")
    assert fish.title in found
    assert "Cao dược liệu" not in titles(client, "ca")
    # Punctuation around a word does not hide it.
    assert "Khô cá (sấy lạnh)" in titles(client, "say lanh")


def test_the_last_word_of_three_letters_or_more_also_matches_as_a_prefix(client):
    product_class = Product.objects.first().product_class
    Product.objects.create(title="Trà zorbalinh thượng hạng", product_class=product_class)
    assert "Trà zorbalinh thượng hạng" in titles(client, "tra zorb")
    # A two-letter last word must be a whole word: "zo" would match far too much.
    assert "Trà zorbalinh thượng hạng" not in titles(client, "tra zo")


def test_autocomplete_matches_the_word_being_typed(client):
    data = client.get("/shop/search/suggest/", {"q": "nuoc m"}).json()
    in_title = [" nuoc m" in " " + fold(p["title"]) for p in data["products"]]
    # "Nước mắm" is found from "nuoc m", and title matches come before text matches.
    assert in_title and in_title[0] and in_title == sorted(in_title, reverse=True)


def test_one_typo_in_a_longer_word_is_tolerated(client):
    assert titles(client, "buon ma thout") == titles(client, "buon ma thuot") != []


def test_a_word_that_matches_nothing_gives_the_empty_state(client):
    response = client.get("/shop/search/", {"q": "xyzzyqwerty"})
    assert response.status_code == 200
    assert (
        "No products found." in response.content.decode()
        or "Không tìm thấy" in response.content.decode()
    )


def test_search_results_have_facets_with_counts(client):
    response = client.get("/shop/search/", {"q": "ca phe"})
    keys = {f.key for f in response.context["facets"]}
    assert {"province", "stars", "producer", "price", "category"} <= keys
    provinces = next(f for f in response.context["facets"] if f.key == "province")
    code = provinces.values[0].value
    narrowed = client.get("/shop/search/", {"q": "ca phe", "province": code})
    assert narrowed.context["paginator"].count == provinces.values[0].count


def test_search_finds_cooperatives_too(client):
    producer = Producer.objects.approved().exclude(short_name="").order_by("pk").first()
    response = client.get("/shop/search/", {"q": fold(producer.short_name)})
    groups = {provider.key: hits for provider, hits in response.context["other_results"]}
    assert producer.get_absolute_url() in [hit.url for hit in groups["producers"]]
    assert producer.get_absolute_url() in response.content.decode()


def test_products_are_found_by_their_producers_name(client):
    product = Product.objects.filter(producer__isnull=False).first()
    found = titles(client, fold(product.producer.short_name))
    assert product.title in found or Product.objects.filter(producer=product.producer).count() > 24


def test_autocomplete_suggests_products_and_cooperatives(client):
    response = client.get("/shop/search/suggest/", {"q": "nuoc mam"})
    assert response.status_code == 200
    data = response.json()
    assert data["products"] and "Nước mắm" in data["products"][0]["title"]
    assert all(item["url"].startswith("/shop/catalogue/") for item in data["products"])


def test_autocomplete_of_nothing_is_empty(client):
    assert client.get("/shop/search/suggest/").json()["products"] == []
    assert client.get("/shop/search/suggest/", {"q": "<>'\""}).json()["products"] == []


@pytest.mark.parametrize(
    "query",
    [
        "a" * 1000,
        "cà phê " * 150,
        "'; DROP TABLE catalogue_product; --",
        "<script>alert(1)</script>",
        "%_%",
        "\\",
        "",
        "   ",
    ],
)
def test_bad_queries_give_a_normal_page(client, query):
    response = client.get("/shop/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get("/shop/search/suggest/", {"q": query}).status_code == 200


@pytest.mark.parametrize("page", ["-1", "999999"])
def test_out_of_range_search_pages_are_404(client, page):
    assert client.get("/shop/search/", {"q": "ca phe", "page": page}).status_code == 404


def test_search_finds_news_pages_too(client):
    from wagtail.models import Page

    page = Page.objects.live().filter(depth__gt=3).exclude(title="").order_by("pk").first()
    words = fold(page.title).split()[:3]
    response = client.get("/shop/search/", {"q": " ".join(words)})
    urls = [hit.url for provider, hits in response.context["other_results"] for hit in hits]
    assert page.url in urls
