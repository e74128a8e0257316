"""Visible text of an HTML page: text nodes outside script/style/template, plus placeholder,
title, aria-label and button values."""

from html.parser import HTMLParser

SKIP = {"script", "style", "template", "noscript"}
ATTRS = {"placeholder", "title", "aria-label", "alt"}


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.depth += 1
        for name, value in attrs:
            if value and (
                name in ATTRS
                or (
                    name == "value"
                    and tag == "input"
                    and dict(attrs).get("type") in ("submit", "button")
                )
            ):
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        if tag in SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    parser = Visible()
    parser.feed(html)
    return parser.texts
