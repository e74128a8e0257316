"""The rich-text editor served is TinyMCE 6 (MIT), never the GPL TinyMCE 7 Oscar ships."""

from pathlib import Path

import oscar
from django.contrib.staticfiles import finders

OSCARS = Path(oscar.__file__).parent / "static"
TINYMCE = "oscar/js/tinymce"


def test_every_tinymce_file_oscar_ships_is_served_from_our_mit_build():
    oscar_files = sorted(
        str(path.relative_to(OSCARS)) for path in (OSCARS / TINYMCE).rglob("*") if path.is_file()
    )
    assert oscar_files, "Oscar no longer ships TinyMCE here: drop static/oscar/js/tinymce"
    ours = Path(finders.find(f"{TINYMCE}/tinymce.min.js")).parent
    for name in oscar_files:
        found = Path(finders.find(name))
        assert found.is_relative_to(ours), f"{name} would be served from Oscar's GPL copy"
    assert "TinyMCE version 6." in (ours / "tinymce.min.js").read_text()[:200]
    assert "MIT License" in (ours / "LICENSE-tinymce.txt").read_text()
