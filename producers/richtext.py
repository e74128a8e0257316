"""Plain text in, safe rich text out: the public forms take paragraphs, never raw HTML."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.utils.html import escape


def text_to_html(text: str) -> str:
    """Blank-line separated paragraphs become escaped <p> elements, single newlines <br>."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format("<br/>".join(escape(line) for line in p.split("\n")))
        for p in paragraphs
        if p
    )


def html_to_text(html: str) -> str:
    """The inverse, for editing a stored story in a textarea."""
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = soup.find_all(["p", "li", "h2", "h3", "h4"])
    if not blocks:
        return soup.get_text().strip()
    return "\n\n".join(block.get_text().strip() for block in blocks)
