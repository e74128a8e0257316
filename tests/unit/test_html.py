"""lib/html.py: the one sanitiser for what cooperatives, buyers and applicants write."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from lib.html import LINK_REL, clean_html, html_to_text, is_media_url, text_to_html

ATTACK = (
    "<p>Trà <strong>Tân Cương</strong></p>"
    "<img src=x onerror=alert(1)>"
    "<script>window.pwned = true</script>"
    '<a href="javascript:alert(2)">xem</a>'
)


def test_it_removes_scripts_handlers_and_javascript_links():
    cleaned = clean_html(ATTACK)
    assert cleaned == (f'<p>Trà <strong>Tân Cương</strong></p><a rel="{LINK_REL}">xem</a>')
    for bad in ("<script", "onerror", "javascript:", "pwned", "<img"):
        assert bad not in cleaned


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>a<br>b</p>", "<p>a<br>b</p>"),
        (
            "<ul><li>một</li></ul><ol><li>hai</li></ol>",
            "<ul><li>một</li></ul><ol><li>hai</li></ol>",
        ),
        ("<em>nhẹ</em> <strong>đậm</strong>", "<em>nhẹ</em> <strong>đậm</strong>"),
        ("<h2>a</h2><h3>b</h3><h4>c</h4>", "<h2>a</h2><h3>b</h3><h4>c</h4>"),
        ("<blockquote>lời</blockquote>", "<blockquote>lời</blockquote>"),
        # Not on the list: the tag goes, its text stays.
        ("<h1>to</h1><div><span>x</span></div><b>y</b><u>z</u>", "toxyz"),
        ("<table><tr><td>ô</td></tr></table>", "ô"),
    ],
)
def test_it_keeps_the_allow_list_and_unwraps_the_rest(html, expected):
    assert clean_html(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<style>body{display:none}</style>",
        "<iframe src='https://example.com'>trong</iframe>",
        "<object data='x.swf'>trong</object>",
        "<template><p>trong</p></template>",
        "<noscript>trong</noscript>",
        "<svg><script>alert(1)</script></svg>",
        "<!-- chú thích -->",
    ],
)
def test_it_drops_dangerous_elements_with_their_content(html):
    assert clean_html(html) == ""


def test_it_removes_every_attribute_off_the_list():
    cleaned = clean_html(
        '<p style="color:red" class="x" id="y" onclick="alert(1)" data-x="1">chữ</p>'
    )
    assert cleaned == "<p>chữ</p>"


@pytest.mark.parametrize(
    "href",
    [
        "https://ocop.gov.vn/",
        "http://example.vn/a?b=1",
        "mailto:htx@example.vn",
        "/producers/htx-gom/",
    ],
)
def test_links_keep_http_mailto_and_relative_addresses_with_rel(href):
    cleaned = clean_html(f'<a href="{href}" title="t" target="_blank" rel="opener">l</a>')
    assert cleaned == f'<a href="{href}" title="t" rel="{LINK_REL}">l</a>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_links_lose_other_schemes(href):
    cleaned = clean_html(f'<a href="{href}">l</a>')
    assert cleaned == f'<a rel="{LINK_REL}">l</a>'


def test_rel_is_ours_whatever_the_writer_set():
    cleaned = clean_html('<a href="https://x.vn" rel="opener noreferrer">l</a>')
    assert 'rel="nofollow ugc noopener"' in cleaned
    assert "opener noreferrer" not in cleaned


def test_images_are_kept_only_from_our_media(settings):
    settings.MEDIA_URL = "/media/"
    settings.ALLOWED_HOSTS = ["ocop.example.vn", ".example.vn", "*"]
    settings.MEDIA_ORIGINS = []
    html = (
        '<img src="/media/products/che.jpg" alt="Chè" width="640" height="x">'
        '<img src="https://ocop.example.vn/media/a.png">'
        '<img src="https://evil.example.com/media/a.png">'
        '<img src="//evil.example.com/media/a.png">'
        '<img src="/static/img/logo.svg">'
        '<img src="/media/../dashboard/">'
        '<img src="data:image/png;base64,AAAA">'
        '<img src="/media/">'
        "<img alt='no source'>"
    )
    assert clean_html(html) == (
        '<img src="/media/products/che.jpg" alt="Chè" width="640">'
        '<img src="https://ocop.example.vn/media/a.png">'
    )


def test_images_from_the_media_store_origin(settings):
    settings.MEDIA_URL = "/media/"
    settings.MEDIA_ORIGINS = ["https://cdn.ocop.example.vn"]
    assert is_media_url("https://cdn.ocop.example.vn/products/a.jpg")
    assert not is_media_url("https://cdn.ocop.example.vn.evil.com/a.jpg")
    settings.MEDIA_URL = "https://media.ocop.example.vn/m/"
    settings.MEDIA_ORIGINS = []
    assert is_media_url("https://media.ocop.example.vn/m/a.jpg")
    assert not is_media_url("/m/a.jpg")
    assert not is_media_url("https://media.ocop.example.vn/other/a.jpg")


@pytest.mark.parametrize(
    "html",
    [
        ATTACK,
        '<p>a &lt; b &amp; c</p><a href="https://x.vn">l</a><img src="/media/a.jpg" alt="&quot;">',
        "a < b > c & d",
        "<p><p>lồng</p></p><li>lẻ</li>",
        '<a href="https://x.vn" rel="nofollow ugc noopener">l</a>',
    ],
)
def test_it_is_idempotent(html):
    once = clean_html(html)
    assert clean_html(once) == once


def test_plain_text_is_escaped_not_interpreted():
    assert clean_html("Khối lượng < 500 g & > 200 g") == "Khối lượng &lt; 500 g &amp; &gt; 200 g"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_nothing_cleans_to_an_empty_string(value):
    assert clean_html(value) == ""


def test_the_template_filter_is_a_builtin_and_marks_its_output_safe():
    template = Template("<div>{{ text|clean_html }}</div>")
    html = template.render(Context({"text": ATTACK}))
    assert "<p>Trà <strong>Tân Cương</strong></p>" in html  # not escaped twice
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_text_to_html_escapes_and_html_to_text_reverses_it():
    text = "Dòng một\ndòng hai <b>\n\nĐoạn hai & ba"
    html = text_to_html(text)
    assert html == "<p>Dòng một<br>dòng hai &lt;b&gt;</p><p>Đoạn hai &amp; ba</p>"
    assert clean_html(html) == html
    assert html_to_text(html) == text
