"""What staff teach search (synonyms and spellings) and what it learns from visitors (the query log)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.text import search_text

_WORDS = re.compile(r"[\W_]+")

MAX_SYNONYM_TERMS = 12
MAX_TERM_WORDS = 3


class Synonym(models.Model):
    """Words and phrases a shopper may type for the same thing: "cà phê, cafe, caphe, coffee".

    Applied when a query is read, so an edit changes results at once: nothing is reindexed.
    A query holding one of the terms also finds products holding any other.
    """

    terms = models.CharField(
        _("Terms"),
        max_length=500,
        help_text=_(
            "Words or phrases that mean the same, separated by commas, e.g. "
            "“cà phê, cafe, coffee”. At most 12 terms of 1–3 words each."
        ),
    )
    note = models.CharField(
        _("Source or note"),
        max_length=300,
        blank=True,
        help_text=_("Where this comes from, e.g. a zero-result query or a packaging label."),
    )
    active = models.BooleanField(_("Active"), default=True)
    updated = models.DateTimeField(_("Updated"), auto_now=True)

    class Meta:
        verbose_name = _("Synonym")
        verbose_name_plural = _("Synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def folded_terms(self) -> list[str]:
        """The terms as search words ("Cà phê" → "ca phe"), without repeats."""
        return [folded for folded, _spelled in self.spelled_terms()]

    def spelled_terms(self) -> list[tuple[str, str]]:
        """Each term folded and as spelled, lower-case: ("ca phe", "cà phê"), without repeats."""
        out: list[tuple[str, str]] = []
        for term in self.terms.split(","):
            folded = search_text(term)
            spelled = " ".join(_WORDS.split(term.lower())).strip()
            if folded and folded not in [f for f, _s in out]:
                out.append((folded, spelled))
        return out

    def clean(self) -> None:
        folded = self.folded_terms()
        if len(folded) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})
        if len(folded) > MAX_SYNONYM_TERMS:
            raise ValidationError({"terms": _("Give at most 12 terms.")})
        if any(len(term.split()) > MAX_TERM_WORDS for term in folded):
            raise ValidationError({"terms": _("A term has at most three words.")})
        if any(len(word) > 64 for term in folded for word in term.split()):
            raise ValidationError({"terms": _("A word is at most 64 letters long.")})


def week_of(day: datetime.date | None = None) -> datetime.date:
    """The Monday of the week holding `day` (today by default)."""
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


class QueryLogQuerySet(models.QuerySet):
    def record_search(self, query: str, results: int, week: datetime.date) -> None:
        """Count one search for `query` this week; `results` is how many products it found."""
        updated = self.filter(query=query, week=week).update(
            searches=F("searches") + 1, results=results
        )
        if not updated:
            self.bulk_create(
                [self.model(query=query, week=week, searches=1, results=results)],
                ignore_conflicts=True,
            )

    def record_repeat(self, query: str, week: datetime.date) -> None:
        """Count one more search for `query`, served from the page cache (its results unchanged)."""
        self.filter(query=query, week=week).update(searches=F("searches") + 1)

    def record_click(self, query: str, week: datetime.date) -> bool:
        return bool(self.filter(query=query, week=week).update(clicks=F("clicks") + 1))


class QueryLog(models.Model):
    """How often a query was searched in a week, what it found, and how often a result was opened.

    Staff read it weekly (zero-result and low-click queries) to add synonyms. Queries are
    stored folded, with no visitor information.
    """

    query = models.CharField(_("Query"), max_length=200)
    week = models.DateField(_("Week"))
    searches = models.PositiveIntegerField(_("Searches"), default=0)
    results = models.PositiveIntegerField(_("Results"), default=0)
    clicks = models.PositiveIntegerField(_("Clicks"), default=0)

    objects = QueryLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("Search query")
        verbose_name_plural = _("Search queries")
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="search_querylog_week_query")
        ]

    def __str__(self) -> str:
        return self.query
