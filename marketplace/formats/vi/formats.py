"""Dates the Vietnamese way: 03/12/2026, day first with slashes (Django's own vi uses dashes).

Only what differs from Django's vi formats is here; the rest (numbers, input formats) falls
through to Django's module.
"""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "d/m"
YEAR_MONTH_FORMAT = "m/Y"
