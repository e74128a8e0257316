"""Template loaders that make translatable the few labels Oscar's templates write in English.

Oscar hard-codes `aria-label="breadcrumb"` (in some 90 templates), "Toggle navigation" and
"Close" outside gettext (Wagtail's admin header its "Actions"), so a screen reader reads them in English on the Vietnamese site.
Rather than copy every such template, the loaders put `{% translate %}` around those values
as a template's source is read: `Loader` is Django's cached loader over the project's
templates and the apps', like Django's default with `APP_DIRS`.
"""

from __future__ import annotations

import re

from django.template.loaders import app_directories, cached, filesystem

# Attribute values written in English outside gettext, and their msgids.
LABELS = {
    'aria-label="breadcrumb"': "breadcrumb",
    'aria-label="Toggle navigation"': "Toggle navigation",
    'aria-label="Close"': "Close",
    'aria-label="Actions"': "Actions",  # Wagtail's admin header
}
# A {% blocktrans %} takes no tags inside: its text is left as it is.
BLOCKTRANS = re.compile(
    r"({%\s*block(?:trans|translate)\b.*?{%\s*endblock(?:trans|translate)\s*%})", re.DOTALL
)


def translatable(source: str) -> str:
    """The template's source with each known English label wrapped in `{% translate %}`."""
    if not any(literal in source for literal in LABELS):
        return source
    parts = BLOCKTRANS.split(source)
    for index in range(0, len(parts), 2):  # the even parts lie outside any blocktrans
        for literal, msgid in LABELS.items():
            attribute = literal.split("=", 1)[0]
            parts[index] = parts[index].replace(
                literal, f'{attribute}="{{% load i18n %}}{{% translate "{msgid}" %}}"'
            )
    return "".join(parts)


class FilesystemLoader(filesystem.Loader):
    def get_contents(self, origin) -> str:
        return translatable(super().get_contents(origin))


class AppDirectoriesLoader(app_directories.Loader):
    def get_contents(self, origin) -> str:
        return translatable(super().get_contents(origin))


class Loader(cached.Loader):
    def __init__(self, engine, loaders=None) -> None:
        super().__init__(
            engine, loaders or [f"{__name__}.FilesystemLoader", f"{__name__}.AppDirectoriesLoader"]
        )
