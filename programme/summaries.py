"""The dashboard's summary tables, each a copy of figures that are slow to count at request time.

Every summary is kept up to date by its own signals and recounted from its source by
`rebuild_all()`: `manage.py rebuild_summaries` and the nightly beat task
`programme.rebuild_summaries`. A summary registers its recount with `@rebuilds(name)`; the
recount builds the rows and hands them to `replace`, which swaps the whole table at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import models, transaction

logger = logging.getLogger(__name__)

REBUILDS: dict[str, Callable[[], int]] = {}


def rebuilds(name: str):
    """Register `function` (returning the number of rows) as the recount of summary `name`."""

    def register(function: Callable[[], int]) -> Callable[[], int]:
        REBUILDS[name] = function
        return function

    return register


def replace(model: type[models.Model], rows: Iterable[models.Model]) -> int:
    """Replace every row of `model` by `rows` in one transaction; returns how many.

    Run it when little changes (the beat task runs at night): a change made while the
    recount reads its source may be missed until the next rebuild.
    """
    rows = list(rows)
    with transaction.atomic():
        model.objects.all().delete()
        model.objects.bulk_create(rows, batch_size=1000)
    logger.info("%s rebuilt: %s rows", model._meta.verbose_name, len(rows))
    return len(rows)


def rebuild_all(names: Iterable[str] = ()) -> dict[str, int]:
    """Recount the summaries named (all by default); {name: rows}."""
    from . import certification_summary, sales_summary  # noqa: F401 - they register themselves

    chosen = list(names) or sorted(REBUILDS)
    unknown = [name for name in chosen if name not in REBUILDS]
    if unknown:
        raise KeyError(", ".join(unknown))
    return {name: REBUILDS[name]() for name in chosen}
