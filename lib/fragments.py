"""Parts of a page that are the same for every visitor, cached for signed-in visitors too.

A signed-in shopper (or anyone with a session) never gets a page from `lib.pagecache`: their
header, basket and forms are their own. Most of what such a page shows is not, though: the
product cards, the facets, the product's description. Those parts are rendered once per key
and kept; the rest of the page is rendered for each request.

A fragment is rendered as no one in particular, so it cannot hold one visitor's data:

- `user` (and `perms`) in its template context is an anonymous user, so `{% if user... %}`
  inside a fragment renders what an anonymous visitor would see;
- forms get `CSRF_PLACEHOLDER` as `csrf_token`, and every page gets its own visitor's token in
  its place when the fragment is written out;
- a CSP nonce read inside it is stored as `NONCE_PLACEHOLDER` and written out as the nonce of
  the response it goes into.

What a fragment shows must be in its key: callers pass the versions (`lib.versions`) and
whatever else it depends on; the language is always part of it. In templates:

    {% fragment "product-info" product.pk catalogue_version %}...{% endfragment %}

A view that looks a fragment up itself (to skip the queries behind it when it is cached)
hands what it found to the template in `fragment_hits` ({key: html}).
"""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .cache import hashed_key
from .pagecache import CSRF_PLACEHOLDER, NONCE_PLACEHOLDER, used_nonce


def fragment_seconds() -> int:
    """How long a fragment is kept (0 turns fragments off); its key's versions make it stale sooner."""
    return getattr(settings, "OCOP_FRAGMENT_CACHE_SECONDS", 600)


def fragment_key(name: str, *parts: object) -> str:
    """The key of fragment `name` in the current language; `parts` are what else it shows."""
    return hashed_key("ocop:fragment", name, get_language() or "", *parts)


def get(key: str) -> str | None:
    """The stored fragment (with placeholders), or None."""
    if not fragment_seconds():
        return None
    return cache.get(key)


def get_many(names: tuple[str, ...], *parts: object) -> dict[str, str]:
    """The stored fragments among `names` (all keyed by the same `parts`), in one round trip:
    a view hands them to its template as `fragment_hits`."""
    if not fragment_seconds():
        return {}
    return cache.get_many([fragment_key(name, *parts) for name in names])


def storable(html: str, request: HttpRequest | None) -> str:
    """A fragment rendered for this request, as it is stored: its CSP nonce a placeholder."""
    nonce = used_nonce(request) if request is not None else ""
    return html.replace(nonce, NONCE_PLACEHOLDER) if nonce else html


def personalise(html: str, request: HttpRequest | None, csrf_token: object = None) -> SafeString:
    """A stored fragment written out for this response: its CSRF token and CSP nonce.

    While a page is rendered for sharing between anonymous visitors the token is the page
    cache's placeholder already, and stays one.
    """
    if csrf_token is not None and CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, str(csrf_token))
    if NONCE_PLACEHOLDER in html and request is not None:
        html = html.replace(NONCE_PLACEHOLDER, str(getattr(request, "csp_nonce", "")))
    return mark_safe(html)  # rendered by our own templates, escaping as they went


def cached(key: str | None, render: Callable[[], str], request: HttpRequest | None = None) -> str:
    """The fragment stored under `key`, or `render()`'s, stored (placeholders in, nothing
    personalised). `render` must render with `CSRF_PLACEHOLDER` as the CSRF token; a key of
    None renders without caching."""
    html = get(key) if key else None
    if html is None:
        html = storable(str(render()), request)
        if key and fragment_seconds():
            cache.set(key, html, fragment_seconds())
    return html


def anonymous_context() -> dict:
    """What a fragment's template sees in place of the visitor: nobody, with no permissions."""
    user = AnonymousUser()
    return {"user": user, "perms": PermWrapper(user), "csrf_token": CSRF_PLACEHOLDER}


class FragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context) -> str:
        name = self.name.resolve(context)
        key = fragment_key(name, *(p.resolve(context) for p in self.parts)) if name else None
        request = context.get("request")
        html = context.get("fragment_hits", {}).get(key) if key else None
        if html is None:

            def render() -> str:
                with context.push(anonymous_context()):
                    return self.nodelist.render(context)

            html = cached(key, render, request)
        return personalise(html, request, context.get("csrf_token"))


def do_fragment(parser, token):
    """`{% fragment name part… %}…{% endfragment %}`: the body cached under name, the language
    and the parts (an empty name: not cached). A builtin tag (`lib.templatetags`)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist
    )
