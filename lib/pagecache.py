"""Whole pages cached for anonymous visitors, with holes for what differs from one visitor to the next.

Catalogue, category, search and product pages cost about 30 ms of template rendering each,
and most of their visitors are anonymous shoppers who see the same page. Such a page is
rendered once with placeholders and kept in the cache; each visitor then gets a copy with the
placeholders filled in:

- every form's CSRF token: the page is rendered with `CSRF_PLACEHOLDER` as `csrf_token`, and
  each visitor gets their own token (and cookie) from `get_token`;
- the Content-Security-Policy nonce of inline scripts (django-csp's `request.csp_nonce`): the
  page is stored with `NONCE_PLACEHOLDER` in its place, and each visitor gets the nonce of
  their own response's header;
- holes: a template tests `request.rendering_page_cache` and writes `<!--ocop-hole:NAME-->`
  instead of per-visitor markup (the basket count in the header, recently viewed products);
  the filler registered for NAME renders it for this visitor. A page cached some other way
  (say, per version of what it shows) writes `marker(NAME)` and fills it with `fill_holes`.

Only anonymous visitors without a session and without pending messages get cached pages, so
nothing tied to an account or a checkout is ever shared. A page is kept for
`OCOP_PAGE_CACHE_SECONDS` (0 turns the cache off); its key holds the address, the language
and whatever the view's `page_cache_key_parts` adds (the catalogue's pages add the catalogue
version and the date), so changes show at once.

Apps register their holes here with `@hole(name)`; this module imports none of them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .cache import hashed_key

CSRF_PLACEHOLDER = "ocop-page-cache-csrf-token"
NONCE_PLACEHOLDER = "ocop-page-cache-csp-nonce"
HOLE = "<!--ocop-hole:{}-->"
_HOLE_START, _HOLE_END = HOLE.split("{}")

Filler = Callable[[HttpRequest, dict], str]
_fillers: dict[str, Filler] = {}


def hole(name: str) -> Callable[[Filler], Filler]:
    """Register the function that renders hole `name` for one visitor: `(request, view_kwargs) -> str`."""

    def register(filler: Filler) -> Filler:
        _fillers[name] = filler
        return filler

    return register


def page_cache_seconds() -> int:
    return getattr(settings, "OCOP_PAGE_CACHE_SECONDS", 300)


def is_shareable(request: HttpRequest, params: frozenset[str] | None = None) -> bool:
    """Whether this request may get (and fill) a page shared with other anonymous visitors.

    `params` are the query parameters the page understands; with any other one the page is
    rendered for this request only, so made-up parameters cannot fill the cache.
    """
    return (
        request.method in ("GET", "HEAD")
        and page_cache_seconds() > 0
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and not request.COOKIES.get(CookieStorage.cookie_name)
        and (params is None or all(key in params for key in request.GET))
    )


def page_key(request: HttpRequest, scope: str, *parts: object) -> str:
    """The key of the page shared for this address and language; `parts` add what it depends on."""
    return hashed_key(
        "ocop:page",
        scope,
        get_language() or "",
        request.build_absolute_uri(),  # the host and scheme too: pages may carry absolute links
        *parts,
    )


def marker(name: str) -> SafeString:
    """What a page rendered for sharing holds in place of hole `name`; safe, so never escaped."""
    return mark_safe(HOLE.format(name))


def fill_holes(content: str, values: Mapping[str, str]) -> str:
    """`content` with each hole named in `values` replaced by that value; other holes stay."""
    # One pass over the page rather than one per hole: the origin page fills four on every
    # scan, and the values put in are never searched for holes themselves.
    head, *rest = content.split(_HOLE_START)
    parts = [head]
    for part in rest:
        name, end, tail = part.partition(_HOLE_END)
        value = values.get(name) if end else None
        parts.append(_HOLE_START + part if value is None else value + tail)
    return "".join(parts)


def used_nonce(request: HttpRequest) -> str:
    """The CSP nonce this request's page was rendered with, or "" if it used none."""
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce else ""  # django-csp's lazy nonce is falsy until it is read


def shareable(content: bytes, request: HttpRequest) -> bytes:
    """A page rendered for this request, as it is stored for everyone: its nonce a placeholder."""
    nonce = used_nonce(request)
    return content.replace(nonce.encode(), NONCE_PLACEHOLDER.encode()) if nonce else content


def fill(response: HttpResponse, request: HttpRequest, view_kwargs: dict) -> HttpResponse:
    """Write this visitor's CSRF token, CSP nonce and holes into a page rendered for sharing."""
    content = response.content.decode(response.charset)
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    if NONCE_PLACEHOLDER in content:
        nonce = getattr(request, "csp_nonce", "")
        content = content.replace(NONCE_PLACEHOLDER, str(nonce))
    for name, filler in _fillers.items():
        marker = HOLE.format(name)
        if marker in content:
            content = content.replace(marker, filler(request, view_kwargs))
    response.content = content
    return response


def serve_shared(
    request: HttpRequest, key: str, render: Callable[[], HttpResponse], view_kwargs: dict
) -> HttpResponse:
    """The page stored under `key`, or `render()`'s, stored when it can be shared; filled for
    this visitor. The caller has checked `is_shareable(request)`; while `render` runs,
    `request.rendering_page_cache` is set, so templates write holes and views the CSRF
    placeholder (`csrf_placeholder_context`)."""
    stored = cache.get(key)
    if stored is not None:
        response = HttpResponse(zlib.decompress(stored))
        response["X-Page-Cache"] = "hit"
    else:
        request.rendering_page_cache = True
        try:
            response = render()
            if hasattr(response, "render") and callable(response.render):
                response.render()
        finally:
            request.rendering_page_cache = False
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if response.status_code == 200 and not response.cookies:
            cache.set(
                key, zlib.compress(shareable(response.content, request), 1), page_cache_seconds()
            )
        response["X-Page-Cache"] = "miss"
    return fill(response, request, view_kwargs)


def csrf_placeholder_context(request: HttpRequest, context: dict) -> dict:
    """A template context for a page being rendered for sharing carries the CSRF placeholder."""
    if getattr(request, "rendering_page_cache", False):
        context["csrf_token"] = CSRF_PLACEHOLDER
    return context


class AnonymousPageCacheMixin:
    """For a class-based view whose page is the same for every anonymous visitor."""

    #: Query parameters the page understands (None: any).
    page_cache_params: frozenset[str] | None = None

    def page_cache_scope(self) -> str:
        return f"{type(self).__module__}.{type(self).__qualname__}"

    def page_cache_key_parts(self) -> tuple:
        """What else the shared page depends on (a version, a date); nothing by default."""
        return ()

    def dispatch(self, request, *args, **kwargs):
        if not is_shareable(request, self.page_cache_params):
            return super().dispatch(request, *args, **kwargs)
        key = page_key(request, self.page_cache_scope(), *self.page_cache_key_parts())
        response = serve_shared(
            request,
            key,
            lambda: super(AnonymousPageCacheMixin, self).dispatch(request, *args, **kwargs),
            kwargs,
        )
        if response.status_code == 200:
            self.page_served(request, response, kwargs)
        return response

    def render_to_response(self, context, **response_kwargs):
        context = csrf_placeholder_context(self.request, context)
        return super().render_to_response(context, **response_kwargs)

    def page_served(self, request, response, view_kwargs) -> None:
        """Per-visitor work that a shared page still needs (cookies, counters); nothing by default."""
