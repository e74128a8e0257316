from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct

from search.text import fold


def _wants_english() -> bool:
    return (get_language() or "vi").startswith("en")


class Category(AbstractCategory):
    """Oscar's category with an English name beside the Vietnamese one."""

    name_en = models.CharField(_("Name (English)"), max_length=255, blank=True)

    def get_name(self) -> str:
        """The name in the visitor's language, Vietnamese when no translation exists."""
        if self.name_en and _wants_english():
            return self.name_en
        return self.name


class Product(AbstractProduct):
    """Oscar's product with an English title and folded copies of its text for search."""

    title_en = models.CharField(_("Title (English)"), max_length=255, blank=True)
    search_title = models.CharField(
        _("Search title"), max_length=255, blank=True, default="", editable=False, db_index=True
    )
    search_body = models.TextField(_("Search text"), blank=True, default="", editable=False)

    def get_title(self) -> str:
        if self.title_en and _wants_english():
            return self.title_en
        return super().get_title()

    def refresh_search_text(self) -> None:
        self.search_title = fold(" ".join(filter(None, [self.title, self.title_en])))[:255]
        self.search_body = fold(" ".join(filter(None, [self.description, self.upc])))

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_title", "search_body"}
        super().save(*args, **kwargs)


from oscar.apps.catalogue.models import *  # noqa: E402, F403
