"""lib/fragments.py: a cached part of a page holds no visitor's user, token or nonce."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context, Template

from lib import fragments
from lib.pagecache import CSRF_PLACEHOLDER

PAGE = Template(
    '{% fragment "t" part %}<p>{{ user.username|default:"nobody" }}</p>'
    '<input name="csrfmiddlewaretoken" value="{{ csrf_token }}">'
    '<script nonce="{{ request.csp_nonce }}"></script>{% endfragment %}'
    "<b>{{ user.username }}</b>"
)


def render(username: str, token: str, nonce: str, part: object = 1) -> str:
    user = SimpleNamespace(username=username, is_authenticated=True)
    request = SimpleNamespace(csp_nonce=nonce)
    return PAGE.render(
        Context({"user": user, "csrf_token": token, "request": request, "part": part})
    )


def test_it_renders_the_fragment_as_nobody_with_this_pages_token_and_nonce():
    html = render("lan", "token-of-lan", "nonce-1")
    assert html == (
        '<p>nobody</p><input name="csrfmiddlewaretoken" value="token-of-lan">'
        '<script nonce="nonce-1"></script><b>lan</b>'
    )


def test_the_next_visitor_gets_the_cached_fragment_with_their_own_token_and_nonce():
    render("lan", "token-of-lan", "nonce-1")
    html = render("minh", "token-of-minh", "nonce-2")
    assert "token-of-lan" not in html and "nonce-1" not in html and "lan" not in html
    assert 'value="token-of-minh"' in html and 'nonce="nonce-2"' in html


def test_the_stored_fragment_holds_placeholders():
    render("lan", "token-of-lan", "nonce-1")
    stored = fragments.get(fragments.fragment_key("t", 1))
    assert CSRF_PLACEHOLDER in stored and "token-of-lan" not in stored and "nonce-1" not in stored


def test_another_part_is_another_fragment(settings):
    render("lan", "a", "n", part=1)
    assert fragments.get(fragments.fragment_key("t", 2)) is None
    settings.OCOP_FRAGMENT_CACHE_SECONDS = 0
    render("lan", "a", "n", part=3)
    assert fragments.get(fragments.fragment_key("t", 3)) is None
