"""The CMS admin's page form: a slug clash is explained on the first field an editor sees.

Wagtail reports a slug already used under the same parent on the slug field, which sits on the
Promote tab: an editor on the Content tab saw the save fail with no visible reason. That
happens most when Wagtail's autosave has already created the page as a draft and the editor
submits the create form again. The error is repeated on the title, names the page that holds
the address (with a link to edit it) and suggests the next free address.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def free_slug(slug: str, parent: Page, page: Page) -> str:
    """`slug`, or `slug-2`, `slug-3`… : the first that no sibling of `page` uses."""
    candidate, n = slug, 2
    while not Page._slug_is_available(candidate, parent, page):
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


class CmsPageForm(WagtailAdminPageForm):
    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's clean drops it when it clashes
        cleaned_data = super().clean()
        if slug and self.parent_page is not None and "slug" in self.errors:
            holder = (
                self.parent_page.get_children()
                .filter(slug=slug)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if holder is not None:
                self.add_error(
                    "title",
                    format_html(
                        _(
                            "The address “{slug}” is already used by the page “{title}” here "
                            '(perhaps a draft saved automatically): <a href="{url}">open that '
                            "page</a> to go on editing it, or change the address on the Promote "
                            "tab, for example to “{free}”."
                        ),
                        slug=slug,
                        title=holder.title,
                        url=reverse("wagtailadmin_pages:edit", args=[holder.pk]),
                        free=free_slug(slug, self.parent_page, self.instance),
                    ),
                )
        return cleaned_data
