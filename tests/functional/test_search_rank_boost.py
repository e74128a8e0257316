"""Equally relevant products: the one in stock with a valid OCOP certificate comes first; when
its stock runs out it drops below the one that can be bought, and comes back when restocked.
The order comes from `Product.rank_boost`, kept up to date by the rating and stock signals."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from catalogue import rank_boost
from tests import factories
from tests.functional.test_search_relevance import ranked_titles

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

# Same words in the same places: the same score for "mut zebu". By name alone "Mứt zebu gừng"
# would come first.
PLAIN, RATED = "Mứt zebu gừng", "Mứt zebu me"


@pytest.fixture
def pair():
    plain = factories.ProductFactory(title=PLAIN, stock=20)
    rated = factories.ProductFactory(title=RATED, stock=5)
    factories.OcopRatingFactory(product=rated, score=80)  # 4 stars, in force
    return plain, rated


def boosts(*products) -> list[int]:
    return [Product.objects.get(pk=p.pk).rank_boost for p in products]


def test_the_rated_product_in_stock_comes_first(client, pair):
    plain, rated = pair
    assert boosts(plain, rated) == [rank_boost.IN_STOCK, rank_boost.IN_STOCK + 4]
    assert ranked_titles(client, "mut zebu") == [RATED, PLAIN]


def test_it_drops_when_its_stock_runs_out_and_comes_back_when_restocked(client, pair):
    plain, rated = pair
    record = rated.stockrecords.get()
    record.num_in_stock = 0
    record.save()
    assert boosts(rated) == [4]
    assert ranked_titles(client, "mut zebu") == [PLAIN, RATED]

    record.num_in_stock = 3
    record.save()
    assert ranked_titles(client, "mut zebu") == [RATED, PLAIN]


def test_units_allocated_to_orders_are_not_in_stock(pair):
    _plain, rated = pair
    record = rated.stockrecords.get()
    record.allocate(5)  # every unit taken by orders not yet shipped
    assert boosts(rated) == [4]


def test_a_revoked_or_deleted_rating_stops_counting(client, pair):
    plain, rated = pair
    rating = rated.ocop_rating
    rating.revoked = True
    rating.save()
    assert boosts(rated) == [rank_boost.IN_STOCK]
    rating.delete()
    assert boosts(rated) == [rank_boost.IN_STOCK]
    # Equal boosts: the name decides again.
    assert ranked_titles(client, "mut zebu") == [PLAIN, RATED]


def test_the_daily_refresh_puts_right_what_changed_without_signals(pair):
    plain, rated = pair
    get_model("partner", "StockRecord").objects.filter(product=rated).update(num_in_stock=0)
    assert boosts(rated) == [rank_boost.IN_STOCK + 4]  # SQL: no signal
    from catalogue.tasks import refresh_rank_boosts

    refresh_rank_boosts()
    assert boosts(plain, rated) == [rank_boost.IN_STOCK, 4]


def test_the_ranking_page_explains_stock_and_stars(client):
    page = client.get("/shop/search/ranking/").content.decode()
    assert "search-ranking-ties" in page
