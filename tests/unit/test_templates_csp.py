"""No template the site serves carries inline script the Content-Security-Policy would block.

The policy allows scripts from our own files and nonces only (marketplace/settings/security.py):
an inline event handler, a `javascript:` link or a `<script>` without a nonce in a template
would be dead on the page (and a sign of a pattern that lets injected markup run). Every
template name under Oscar's templates and our own is resolved the way a view resolves it, so
an override of ours is what gets checked; Wagtail's admin is left out (/cms/ is staff-only and
has its own policy, marketplace/csp.py).
"""

import re
from pathlib import Path

import oscar
import pytest
from django.apps import apps
from django.conf import settings
from django.template import engines

HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=|javascript:", re.IGNORECASE)
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>",
    re.IGNORECASE,
)


def template_roots() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    roots = [Path(oscar.__file__).parent / "templates", base / "templates"]
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts and (path / "templates").is_dir():
            roots.append(path / "templates")
    return roots


def served_templates():
    engine = engines["django"]
    seen = set()
    for root in template_roots():
        for file in sorted(root.rglob("*.html")):
            name = file.relative_to(root).as_posix()
            if name in seen:
                continue
            seen.add(name)
            template = engine.get_template(name)
            yield name, template.template.source


def test_templates_have_no_inline_script_or_handlers():
    offending = []
    for name, source in served_templates():
        for pattern in (HANDLER, INLINE_SCRIPT):
            offending += [f"{name}: {m.group(0)[:60]}" for m in pattern.finditer(source)]
    assert offending == []


@pytest.mark.parametrize(
    "name",
    [
        "oscar/error.html",
        "oscar/partials/mini_basket.html",
        "oscar/customer/wishlists/wishlists_form.html",
    ],
)
def test_oscar_templates_with_handlers_are_overridden(name):
    origin = engines["django"].get_template(name).origin.name
    assert Path(origin).resolve().is_relative_to(Path(settings.BASE_DIR).resolve() / "templates")
