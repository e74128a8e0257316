"""Wagtail admin views that answer a malformed request with a 500, fixed where Wagtail
defines them (these views have no setting or hook to swap them; applied once, from
CmsConfig.ready). Each fix only turns the crash into the answer Wagtail meant to give.
"""

from __future__ import annotations

from wagtail.admin.forms.choosers import URLOrAbsolutePathField
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, CreationFormMixin
from wagtail.contrib.redirects.forms import ConfirmImportManagementForm

from lib.ids import INTEGER_KEYS, valid_ids


def apply() -> None:
    # The external-link chooser posted without a URL: Wagtail tests None for a leading "/".
    to_python = URLOrAbsolutePathField.to_python
    URLOrAbsolutePathField.to_python = lambda self, value: to_python(self, value or "")

    # The redirects import's confirmation without its signed fields: Wagtail means to refuse
    # it as suspicious (a 400), but its clean() first reads the missing fields (KeyError).
    clean = ConfirmImportManagementForm.clean

    def clean_when_complete(self):
        if any(key not in self.cleaned_data for key in ("import_file_name", "input_format")):
            return self.cleaned_data
        return clean(self)

    ConfirmImportManagementForm.clean = clean_when_complete

    # A chooser without a creation form (the shop's products and cooperatives, snippets)
    # still took posts to its "create" URL and called the missing form: refused now (403).
    can_create = CreationFormMixin.can_create
    CreationFormMixin.can_create = lambda self: (
        self.get_creation_form_class() is not None and can_create(self)
    )

    # Choosing several items by ?id=…: ids that no row can have are dropped, not queried.
    get_objects = ChosenMultipleViewMixin.get_objects

    def get_valid_objects(self, pks):
        if isinstance(self.model_class._meta.pk, INTEGER_KEYS):
            pks = valid_ids(pks)
        return get_objects(self, pks)

    ChosenMultipleViewMixin.get_objects = get_valid_objects
