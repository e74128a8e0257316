"""Dates the local way: 03/12/2026 in Vietnamese, 3 Dec 2026 in English."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2026, 12, 3)
MOMENT = datetime.datetime(2026, 12, 3, 14, 5)


def render(source: str, language: str) -> str:
    with translation.override(language):
        return Template(source).render(Context({"day": DAY, "moment": MOMENT}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "03/12/2026 03/12/2026 14:05 03/12/2026"),
        ("en", "3 Dec 2026 3 Dec 2026, 14:05 3 Dec 2026"),
    ],
)
def test_dates_read_the_local_way(language, expected):
    source = (
        '{{ day|date:"SHORT_DATE_FORMAT" }} {{ moment|date:"SHORT_DATETIME_FORMAT" }} {{ day }}'
    )
    assert render(source, language) == expected
