"""The relevance set: queries as shoppers type them over the demo catalogue, and what must come first.

Written by reading the demo data (marketplace/demo/data/cooperatives.json). Each case gives
the query, what the first result's name must hold, and which results count as matches: every
match must rank above every other result. The score is the share of cases that pass both;
issue 23 asks for 95 % on SQLite and PostgreSQL, and the issue's own examples must all pass.
"""

from __future__ import annotations

import re

import pytest
from oscar.core.loading import get_model

from lib.text import search_text

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def starts(prefix):
    return lambda title: title.startswith(prefix)


def holds(*parts):
    return lambda title: all(part in title for part in parts)


def word(spelled):
    """The name holds `spelled` as a word, diacritics included ("trà", not "Tràng")."""
    return lambda title: spelled in re.split(r"[\W_]+", title.lower())


def folded_word(typed):
    """The name holds a word that folds to `typed` ("che": "Chè", "Chẽ")."""
    return lambda title: typed in search_text(title).split()


def either(*tests):
    return lambda title: any(test(title) for test in tests)


# (query, the first result, the matches that rank above the rest; None: only the first counts)
CASES = [
    # Typed as the issue reports: joined syllables, informal spellings, typos, short words.
    ("caphe", starts("Cà phê"), starts("Cà phê")),
    ("cafe", starts("Cà phê"), starts("Cà phê")),
    ("mat ongg", starts("Mật ong"), starts("Mật ong")),
    ("nuocmam", starts("Nước mắm"), starts("Nước mắm")),
    ("banhtrang", starts("Bánh tráng"), starts("Bánh tráng")),
    ("tra", starts("Trà"), word("trà")),
    ("che", starts("Chè"), folded_word("che")),
    ("ca kho", starts("Khô cá"), None),
    # What already worked keeps working.
    ("ca phe", starts("Cà phê"), starts("Cà phê")),
    ("CA PHE", starts("Cà phê"), starts("Cà phê")),
    ("ca phe buon ma thuot", holds("Cà phê", "Buôn Ma Thuột"), holds("Buôn Ma Thuột")),
    ("nuoc mam phu quoc", holds("Nước mắm", "Phú Quốc"), holds("Nước mắm", "Phú Quốc")),
    ("nươc mắm", starts("Nước mắm"), starts("Nước mắm")),
    ("mat ong", starts("Mật ong"), starts("Mật ong")),
    ("mat ong rung", starts("Mật ong rừng"), None),
    ("chè", starts("Chè"), word("chè")),
    # English words on the English site.
    ("coffee", starts("Cà phê"), starts("Cà phê")),
    ("honey", starts("Mật ong"), starts("Mật ong")),
    ("fish sauce", starts("Nước mắm"), starts("Nước mắm")),
    ("tea", either(starts("Trà"), starts("Chè")), None),
    ("garlic", starts("Tỏi"), starts("Tỏi")),
    ("cashew", holds("điều"), holds("điều")),
    ("ginseng", holds("âm"), None),
    ("pomelo", starts("Bưởi"), None),
    ("orchid", starts("Lan"), starts("Lan")),
    ("longan", starts("Nhãn"), None),
    ("cinnamon", holds("quế"), None),
    ("star anise", holds("hồi"), holds("hồi")),
    ("silk", holds("lụa"), word("lụa")),
    # More joined syllables.
    ("phuquoc", holds("Phú Quốc"), holds("Phú Quốc")),
    ("kimlien", holds("Kim Liên"), holds("Kim Liên")),
    ("bauda", starts("Rượu Bàu Đá"), starts("Rượu Bàu Đá")),
    ("vaithieu", starts("Vải thiều"), starts("Vải thiều")),
    # More typos (one edit, words of four letters or more).
    ("buon ma thout", holds("Buôn Ma Thuột"), holds("Buôn Ma Thuột")),
    ("nuoc mamm", starts("Nước mắm"), starts("Nước mắm")),
    ("tinh dau quee", starts("Tinh dầu quế"), starts("Tinh dầu quế")),
    ("ruou vangg", starts("Rượu vang"), None),
    ("hoa hoii", starts("Hoa hồi"), None),
    # Regional words and spellings.
    ("mi chu", starts("Mỳ Chũ"), starts("Mỳ Chũ")),
    ("my chu", starts("Mỳ Chũ"), starts("Mỳ Chũ")),
    ("kho bo", starts("Khô bò"), None),
    ("vung", starts("Mè xửng"), None),
    # Short and ordinary queries.
    ("gao", starts("Gạo"), starts("Gạo")),
    ("sam", starts("Sâm"), starts("Sâm")),
    ("ruou", starts("Rượu"), starts("Rượu")),
    ("hat dieu", starts("Hạt điều"), holds("điều")),
    ("st25", holds("ST25"), holds("ST25")),
    ("gao st25", starts("Gạo ST25"), starts("Gạo ST25")),
    ("vai thieu", starts("Vải thiều"), starts("Vải thiều")),
    ("toi ly son", starts("Tỏi"), starts("Tỏi")),
    ("sam ngoc linh", starts("Sâm Ngọc Linh"), None),
    ("que van yen", holds("Văn Yên"), holds("Văn Yên")),
    ("hoa hoi", starts("Hoa hồi"), None),
    ("rượu bàu đá", holds("Bàu Đá"), holds("Bàu Đá")),
    ("lua to tam", holds("lụa tơ tằm"), holds("lụa tơ tằm")),
    ("keo dua", starts("Kẹo dừa"), starts("Kẹo dừa")),
    ("yen sao", holds("yến"), None),
    ("nem chua thanh hoa", starts("Nem chua Thanh Hóa"), None),
    ("me xung hue", starts("Mè xửng Huế"), None),
    ("trang bang", holds("Trảng Bàng"), holds("Trảng Bàng")),
    ("banh canh", starts("Bánh canh"), None),
    ("nhan long hung yen", starts("Nhãn lồng Hưng Yên"), None),
    ("buoi da xanh", starts("Bưởi da xanh"), None),
    ("ca koi", starts("Cá Koi"), starts("Cá Koi")),
    ("lan ho diep", starts("Lan hồ điệp"), None),
    ("hoa hong", holds("Hoa hồng"), holds("Hoa hồng")),
    ("sua chua", starts("Sữa chua"), None),
    ("tra sen", starts("Trà sen"), None),
    ("gom bat trang", holds("Bát Tràng"), holds("Bát Tràng")),
]

# The issue's own examples: these must pass, whatever the score.
ISSUE_EXAMPLES = {
    "caphe",
    "cafe",
    "mat ongg",
    "nuocmam",
    "banhtrang",
    "tra",
    "che",
    "ca kho",
    "ca phe",
    "CA PHE",
    "nuoc mam phu quoc",
    "nươc mắm",
    "coffee",
    "honey",
    "fish sauce",
    "tea",
}


def ranked_titles(client, query: str) -> list[str]:
    response = client.get("/shop/search/", {"q": query})
    assert response.status_code == 200
    ids = list(response.context["paginator"].object_list)
    products = Product.objects.in_bulk(ids)
    return [products[pk].title for pk in ids]


def judge(titles: list[str], first, matches) -> str:
    """Empty when the case passes, else what went wrong."""
    if not titles:
        return "no results"
    if not first(titles[0]):
        return f"first result {titles[0]!r}"
    if matches is not None:
        flags = [bool(matches(t)) for t in titles]
        if flags != sorted(flags, reverse=True):
            late = titles[flags.index(True, flags.index(False))]
            return f"{late!r} ranks below a result that does not match"
    return ""


def test_the_relevance_set_is_large_enough_and_holds_the_issues_examples():
    queries = [query for query, _first, _matches in CASES]
    assert len(queries) >= 40 and len(set(queries)) == len(queries)
    assert ISSUE_EXAMPLES <= set(queries)


def test_the_relevance_set_scores_at_least_95_percent(client):
    failures = {}
    for query, first, matches in CASES:
        problem = judge(ranked_titles(client, query), first, matches)
        if problem:
            failures[query] = problem
    score = 1 - len(failures) / len(CASES)
    print(f"relevance score: {score:.1%} of {len(CASES)} queries; failures: {failures}")
    assert not (ISSUE_EXAMPLES & set(failures)), failures
    assert score >= 0.95, failures


def test_tra_ranks_every_tea_above_the_trang_bang_noodles_and_finds_che(client):
    titles = ranked_titles(client, "tra")
    trang_bang = titles.index("Bánh canh Trảng Bàng ăn liền gói 150g")
    teas = [i for i, t in enumerate(titles) if t.startswith(("Trà", "Chè", "Hồng trà", "Lục trà"))]
    assert max(teas) < trang_bang
    assert any(t.startswith("Chè") for t in titles)
