"""What every CMS page shares of the bilingual scheme (`lib.i18n`): its title in the visitor's language."""

from __future__ import annotations

from lib.i18n import TranslatedField


class TranslatedPageMixin:
    """What every CMS page shares: its title and search description in the visitor's language."""

    tr_title = TranslatedField("title")

    #: The page's own text fields that the site search reads, in both languages.
    search_text_fields: tuple[str, ...] = ()

    def get_admin_display_title(self):
        return self.draft_title or self.title
