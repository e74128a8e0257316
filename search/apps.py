import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = "search"

    def ready(self):
        super().ready()
        from . import db, views  # noqa: F401  (db registers the SQLite fold function)

        self.suggest_view = views.suggest

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view, name="suggest"),
        ]
        return self.post_process_urls(urls)
