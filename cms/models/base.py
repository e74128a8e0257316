"""What every CMS page shares: an English title beside the Vietnamese one, tabs, search text."""

from __future__ import annotations

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField
from wagtail.models import Page

from lib.i18n import TranslatedField

from ..page_forms import CmsPageForm


class BasePage(Page):
    """An abstract Wagtail page with an English twin of its title."""

    title_en = models.CharField(
        _("Title (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown to English visitors; the Vietnamese title is used when empty."),
    )

    base_form_class = CmsPageForm  # a slug clash explained on the title (cms/page_forms.py)
    tr_title = TranslatedField("title")
    #: Fields whose text the site search reads (both languages).
    search_text_fields: tuple[str, ...] = ("title", "title_en")
    english_panels: list = [FieldPanel("title_en")]

    class Meta:
        abstract = True

    @classmethod
    def tabbed(cls, content_panels, english_panels):
        """Content, English, Promote and Settings tabs, the English content on a tab of its own."""
        return TabbedInterface(
            [
                ObjectList(content_panels, heading=_("Content")),
                ObjectList(english_panels, heading=_("English")),
                ObjectList(Page.promote_panels, heading=_("Promote")),
                ObjectList(Page.settings_panels, heading=_("Settings")),
            ]
        )

    def search_text(self) -> str:
        """The page's own words, both languages, as plain text for the site search."""
        parts: list[str] = []
        for name in self.search_text_fields:
            value = getattr(self, name, "")
            if isinstance(value, StreamValue):
                field = self._meta.get_field(name)
                parts.extend(str(v) for v in field.get_searchable_content(value))
            elif value:
                parts.append(strip_tags(str(value)))
        return " ".join(parts)


class IndexPage(BasePage):
    """An abstract page that introduces and lists its children: news, fairs, training…"""

    intro = RichTextField(_("Introduction"), blank=True)
    intro_en = RichTextField(_("Introduction (English)"), blank=True)
    tr_intro = TranslatedField("intro")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    english_panels = BasePage.english_panels + [FieldPanel("intro_en")]
    edit_handler = BasePage.tabbed(content_panels, english_panels)
    search_text_fields = BasePage.search_text_fields + ("intro", "intro_en")

    class Meta:
        abstract = True
