"""CMS pages shared between anonymous visitors (`lib.pagecache`), kept under the CMS version.

The home page costs tens of queries and a large template (featured products, figures, news,
fairs), and nearly all of its visitors are anonymous. A page using `SharedPageMixin` is
rendered once per address, language and day and served from the cache until what it shows
changes: the CMS version (bumped when a page is published, unpublished, moved or deleted)
and the catalogue version (products, prices, stock, ratings, cooperatives) are in its key.
"""

from __future__ import annotations

from django.utils import timezone

from catalogue.versions import CATALOGUE_VERSION
from lib import pagecache
from lib.versions import Version

CMS_VERSION = Version("cms")


class SharedPageMixin:
    """For a Wagtail page whose rendering is the same for every anonymous visitor."""

    #: Query parameters the page understands; any other one is rendered for that request only.
    page_cache_params: frozenset[str] = frozenset()

    def page_cache_key_parts(self) -> tuple:
        return (CMS_VERSION.current(), CATALOGUE_VERSION.current(), timezone.localdate())

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False) or not pagecache.is_shareable(
            request, self.page_cache_params
        ):
            return super().serve(request, *args, **kwargs)
        key = pagecache.page_key(request, f"cms-page-{self.pk}", *self.page_cache_key_parts())
        return pagecache.serve_shared(
            request,
            key,
            lambda: super(SharedPageMixin, self).serve(request, *args, **kwargs),
            kwargs,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return pagecache.csrf_placeholder_context(request, context)


def connect_version() -> None:
    """Bump the CMS version whenever the live page tree changes."""
    from django.db.models.signals import post_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(CMS_VERSION.bump, dispatch_uid=f"cms-version-{uid}", weak=False)
    post_delete.connect(
        CMS_VERSION.bump, sender=Page, dispatch_uid="cms-version-deleted", weak=False
    )
