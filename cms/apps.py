from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import legal_pages, pagecache, search, wagtail_fixes

        wagtail_fixes.apply()
        legal_pages.register_personal_data()
        pagecache.connect_version()

        def published(sender, instance, **kwargs):
            search.index_page(instance)

        def unpublished(sender, instance, **kwargs):
            search.unindex_page(instance)

        page_published.connect(published, dispatch_uid="cms-search-published", weak=False)
        page_unpublished.connect(unpublished, dispatch_uid="cms-search-unpublished", weak=False)
