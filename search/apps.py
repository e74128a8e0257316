import oscar.apps.search.apps as apps
from django.apps import apps as django_apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = "search"

    def ready(self):
        super().ready()
        from . import db, querylog, synonyms, views  # noqa: F401  (db: SQLite fold; signals)

        self.suggest_view = views.suggest
        self.click_view = querylog.click
        self.ranking_view = views.RankingView
        # The shop's browse and category pages are search's faceted lists: search plugs them
        # into Oscar's catalogue app, which stays unaware of search (imports only go down).
        catalogue = django_apps.get_app_config("catalogue")
        catalogue.catalogue_view = views.CatalogueView
        catalogue.category_view = views.ProductCategoryView

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view, name="suggest"),
            path("click/", self.click_view, name="click"),
            path("ranking/", self.ranking_view.as_view(), name="ranking"),
        ]
        return self.post_process_urls(urls)
