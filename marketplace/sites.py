"""Django's Site row follows SITE_BASE_URL.

Oscar's e-mails (password reset, registration, alerts) and Django's password reset build
their links from `Site.objects.get_current().domain`; without this nothing sets it and
links point at example.com. The setting is the one source: every `migrate` (which each
deployment runs, and which creates the test database) copies its host into the row.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router
from django.utils import translation

from lib.urls import site_domain


def sync_site(sender=None, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """Set the current Site's domain to SITE_BASE_URL's host; name a fresh row after the shop."""
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    domain = site_domain()
    if not domain or not router.allow_migrate_model(using, Site):
        return
    with translation.override(settings.LANGUAGE_CODE):
        name = str(settings.OSCAR_SHOP_NAME)
    site, created = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
    if not created:
        changed = {"domain": domain} if site.domain != domain else {}
        if site.name in ("", "example.com"):  # Django's placeholder; a name staff chose stays
            changed["name"] = name
        if changed:
            Site.objects.using(using).filter(pk=site.pk).update(**changed)
    global_apps.get_model("sites", "Site").objects.clear_cache()
