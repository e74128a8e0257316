"""The folded text of each live CMS page, which the site search matches against."""

from __future__ import annotations

from django.db import models


class PageSearchText(models.Model):
    """A live page's words in both languages, lower-cased and without diacritics."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_text_row",
    )
    title = models.TextField(default="", blank=True)
    body = models.TextField(default="", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page search text"

    def __str__(self) -> str:
        return self.title
