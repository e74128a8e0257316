"""What a phone downloads on the shop's pages (#22 goal 4): photos as WebP of a stated size,
and no jQuery, Bootstrap bundle or Oscar's ui.js where the page works without them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

OSCAR_SCRIPTS = ("js/jquery/jquery", "bootstrap.bundle", "js/oscar/ui")


class Tags(HTMLParser):
    """The page's <img> and <script> tags, with their attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.images: list[dict] = []
        self.scripts: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "script":
            self.scripts.append(dict(attrs))


@pytest.fixture
def product():
    return (
        Product.objects.filter(stockrecords__num_in_stock__gt=0, images__isnull=False)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def shop_pages(client, product):
    """Home, a category, the product, a search, and the basket and checkout with the product."""
    category = product.categories.order_by("pk").first()
    pages = {
        "home": "/",
        "category": category.get_absolute_url(),
        "product": product.get_absolute_url(),
        "search": "/shop/search/?q=mat+ong",
    }
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    pages["basket"] = "/shop/basket/"
    pages["checkout"] = "/shop/checkout/"
    return {name: Tags(get(client, path)) for name, path in pages.items()}


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_every_image_on_the_shop_pages_has_a_width_and_a_height(shop_pages):
    for name, tags in shop_pages.items():
        for img in tags.images:
            assert img.get("width", "").isdigit(), (name, img)
            assert img.get("height", "").isdigit(), (name, img)


def test_product_photos_are_webp_on_the_pages_that_show_them(shop_pages):
    for name in ("home", "category", "product", "search", "basket"):
        photos = [img["src"] for img in shop_pages[name].images if "/media/" in img["src"]]
        assert photos, f"no product photo on the {name} page"
        assert all(src.endswith(".webp") for src in photos), (name, photos)


def test_the_product_pages_first_photo_loads_at_once_and_the_cards_photos_lazily(shop_pages):
    gallery = [img for img in shop_pages["product"].images if "/media/" in img["src"]]
    assert gallery[0].get("fetchpriority") == "high" and "loading" not in gallery[0]
    cards = [img for img in shop_pages["category"].images if "/media/" in img["src"]]
    assert {img.get("loading") for img in cards} == {"lazy"}


def test_shop_pages_load_neither_jquery_nor_bootstrap_nor_inline_script(shop_pages):
    for name, tags in shop_pages.items():
        sources = [script.get("src", "") for script in tags.scripts]
        assert all(sources), f"an inline script on the {name} page"
        assert not [s for s in sources if any(o in s for o in OSCAR_SCRIPTS)], name


def test_the_basket_page_loads_its_own_small_script_instead(shop_pages):
    sources = [script["src"] for script in shop_pages["basket"].scripts]
    assert any("js/basket" in s for s in sources)


def test_pages_that_use_oscars_scripts_still_load_them(client):
    tags = Tags(get(client, "/shop/accounts/login/"))
    sources = [script.get("src", "") for script in tags.scripts]
    for name in OSCAR_SCRIPTS:
        assert any(name in s for s in sources), name
    assert [script for script in tags.scripts if "src" not in script and "nonce" in script]


def test_shop_pages_link_the_trimmed_stylesheet_not_oscars_whole_one(client):
    html = get(client, "/shop/accounts/login/")
    assert "css/oscar-shop" in html and "oscar/css/styles" not in html


def test_a_buyers_items_to_buy_later_show_webp_photos_of_known_size(buyer, buyer_client, product):
    Basket = get_model("basket", "Basket")
    saved, _ = Basket.saved.get_or_create(owner=buyer)
    saved.strategy = get_class("partner.strategy", "Selector")().strategy(user=buyer)
    saved.add_product(product)
    buyer_client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    tags = Tags(get(buyer_client, "/shop/basket/"))
    photos = [img for img in tags.images if "/media/" in img["src"]]
    assert len(photos) == 2  # the basket's line and the saved one
    for img in photos:
        assert img["src"].endswith(".webp") and img["width"].isdigit() and img["height"].isdigit()


def test_the_shop_stylesheet_points_at_files_that_exist():
    css = Path(settings.BASE_DIR) / "static" / "css" / "oscar-shop.css"
    urls = re.findall(r'url\("(?!data:)([^"]+)"\)', css.read_text())
    assert "fonts/fa-shop-solid-900.woff2" in urls
    for url in urls:
        assert (css.parent / url).is_file(), url
