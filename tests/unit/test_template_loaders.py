"""Oscar's English aria-labels become translatable as templates are read (lib.template_loaders)."""

from __future__ import annotations

from django.template import engines
from django.utils import translation

from lib.template_loaders import translatable


def test_it_wraps_the_known_labels_in_translate():
    source = '<nav aria-label="breadcrumb"></nav><button aria-label="Toggle navigation">'
    assert translatable(source) == (
        '<nav aria-label="{% load i18n %}{% translate "breadcrumb" %}"></nav>'
        '<button aria-label="{% load i18n %}{% translate "Toggle navigation" %}">'
    )


def test_it_leaves_blocktrans_text_and_other_sources_alone():
    inside = '{% blocktrans %}<a aria-label="Close">x</a>{% endblocktrans %}'
    assert translatable(inside) == inside
    assert translatable('<p aria-label="Đóng">') == '<p aria-label="Đóng">'


def test_oscars_templates_read_in_vietnamese():
    template = engines["django"].get_template("oscar/partials/nav_accounts.html")
    with translation.override("vi"):
        html = template.render({})
    assert 'aria-label="Toggle navigation"' not in html
    assert 'aria-label="Bật/tắt menu điều hướng"' in html
