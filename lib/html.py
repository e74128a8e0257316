"""The one HTML sanitiser: what cooperatives, buyers and applicants write, cut to an allow-list.

Product descriptions, product and producer stories and rich-text attribute values are cleaned
when they are saved (each model's `save()`) and again when they are shown (the `clean_html`
template filter, `lib/templatetags.py`), so rows written before the sanitiser are safe too.

What stays: paragraphs, line breaks, lists, emphasis, headings h2–h4, block quotes, links to
http(s) and mailto addresses (marked `rel="nofollow ugc noopener"`), and images served from our
own media (`settings.MEDIA_URL`, relative or on one of our hosts). Everything else goes: scripts
and styles with their content, event handlers, `style` and `class` attributes, frames, forms,
`javascript:` and `data:` addresses. Plain text is never passed through here: templates escape
it on their own.

The text-area helpers (`text_to_html`, `html_to_text`) serve forms that take paragraphs of plain
text and store them as HTML (the cooperative's story).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils.html import escape

TAGS = frozenset(
    {"p", "br", "ul", "ol", "li", "em", "strong", "h2", "h3", "h4", "blockquote", "a", "img"}
)
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "noscript"})

# nh3 writes attributes double-quoted, so an <img> it kept without a src matches this.
_IMG_WITHOUT_SRC = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')


def media_prefixes() -> tuple[str, ...]:
    """Where an image may come from: MEDIA_URL, on our own hosts if it is a path, and the
    media store's origins (settings.MEDIA_ORIGINS: an S3 bucket or its custom domain)."""
    media_url = settings.MEDIA_URL or "/media/"
    stores = tuple(origin.rstrip("/") + "/" for origin in getattr(settings, "MEDIA_ORIGINS", ()))
    if urlsplit(media_url).netloc:  # media on another origin: only there
        return (media_url, *stores)
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and "*" not in h]
    ours = (f"{scheme}://{host}{media_url}" for host in hosts for scheme in ("https", "http"))
    return (media_url, *ours, *stores)


def is_media_url(url: str) -> bool:
    """Whether `url` points into our media store: no way out of it, no other host."""
    if not url or ".." in url or "\\" in url or any(ord(c) < 33 for c in url):
        return False
    return any(url.startswith(prefix) and len(url) > len(prefix) for prefix in media_prefixes())


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_media_url(value) else None
    if attribute in ("width", "height"):
        return value if value.isdigit() and len(value) <= 4 else None
    return value


_cleaner = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    link_rel=LINK_REL,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
)


def clean_html(value: object) -> str:
    """`value` as HTML with only the allowed tags, attributes and addresses; idempotent."""
    if value is None:
        return ""
    text = str(value)
    if not text.strip():
        return ""
    return _IMG_WITHOUT_SRC.sub("", _cleaner.clean(text))


def text_to_html(text: str) -> str:
    """Blank-line separated paragraphs become escaped <p> elements, single newlines <br>."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format("<br>".join(escape(line) for line in p.split("\n")))
        for p in paragraphs
        if p
    )


def html_to_text(html: str) -> str:
    """The inverse, for editing a stored text in a textarea."""
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = soup.find_all(["p", "li", "h2", "h3", "h4"])
    if not blocks:
        return soup.get_text().strip()
    return "\n\n".join(block.get_text().strip() for block in blocks)
