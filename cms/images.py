"""The CMS's image uploads measure a picture's header before Wagtail opens it (lib.images)."""

from __future__ import annotations

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from lib.images import check_pixels


class ImageField(WagtailImageField):
    def to_python(self, data):
        if data not in self.empty_values:
            check_pixels(data)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    """Wagtail's image form (single, multiple and chooser uploads), with the pixel check first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, ImageField):
            self.fields["file"] = ImageField(
                label=field.label, required=field.required, widget=field.widget
            )
