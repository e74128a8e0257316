"""Resolve a scanned code: its batch or unit, scan figures and cached page, in few round trips.

Built for a cheap phone on a slow network and for a server under load. A hot code costs one
cache round trip (its batch and rendered page) and one small query (its scan figures). A cold
one costs one query for the code with its product, rating, cooperative, photo and figures,
and three more for the journey, documents and certificates the page shows (`Story`).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from oscar.core.loading import get_model

from lib.cache import hashed_key

from . import gs1
from .models import Attachment, Batch, JourneyEvent, Scan, Serial, batch_changed

logger = logging.getLogger(__name__)

ProductImage = get_model("catalogue", "ProductImage")
Product = get_model("catalogue", "Product")


@dataclass
class Origin:
    """A resolved code: its batch (with product, cooperative and photo) and the unit, if any."""

    batch: Batch
    serial: Serial | None
    previous_scans: int
    first_scanned_at: object  # datetime | None
    page: str | None = None  # the cached page of this batch version, when there is one
    buffered_counted: bool = False  # the figures include scans waiting in the buffer

    @property
    def code_uri(self) -> str:
        return self.serial.uri if self.serial else self.batch.code_uri()

    @cached_property
    def story(self) -> Story:
        return Story(self.batch)


class Story:
    """The parts of the page that change only when the cooperative edits the batch.

    Read lazily, so a cached rendering of them costs no query.
    """

    def __init__(self, batch: Batch):
        self.batch = batch

    @cached_property
    def attachments(self) -> list[Attachment]:
        return list(Attachment.objects.filter(batch=self.batch).order_by("pk"))

    @cached_property
    def events(self) -> list[JourneyEvent]:
        """The journey and the batch's corrections, in one query."""
        return list(
            JourneyEvent.objects.filter(batch=self.batch)
            .select_related("location", "counterparty__partner")
            .order_by("occurred_at", "pk")
        )

    @cached_property
    def corrections(self) -> list[JourneyEvent]:
        """Changes to the batch's facts after publication, with what, when and why."""
        return [e for e in self.events if e.is_batch_correction]

    @cached_property
    def timeline(self) -> list[JourneyEvent]:
        events = [e for e in self.events if not e.is_batch_correction]
        by_event: dict[int, list[Attachment]] = {}
        for attachment in self.attachments:
            if attachment.event_id:
                by_event.setdefault(attachment.event_id, []).append(attachment)
        corrected = {e.corrects_id: e for e in events if e.corrects_id}
        for event in events:
            event.files = by_event.get(event.pk, [])
            event.photos = [a for a in event.files if a.is_photo]
            event.documents = [a for a in event.files if not a.is_photo]
            event.corrected_by = corrected.get(event.pk)
        return events

    @cached_property
    def links(self) -> tuple[list[Batch], list[Batch]]:
        """Published lots this one was made from, and those made from it ("one step back,
        one step forward"); no query when the code's lookup found it linked to none."""
        if not (getattr(self.batch, "fed", True) or getattr(self.batch, "feeds", True)):
            return [], []
        through = JourneyEvent.input_batches.through
        published = Batch.Status.PUBLISHED
        rows = through.objects.filter(
            Q(journeyevent__batch=self.batch, batch__status=published)
            | Q(batch=self.batch, journeyevent__batch__status=published)
        ).select_related(
            "batch__product", "batch__partner", "journeyevent__batch__product",
            "journeyevent__batch__partner",
        )  # fmt: skip
        made_from: dict[int, Batch] = {}
        used_in: dict[int, Batch] = {}
        for row in rows.order_by("pk"):
            if row.journeyevent.batch_id == self.batch.pk:
                made_from.setdefault(row.batch_id, row.batch)
            else:
                used_in.setdefault(row.journeyevent.batch_id, row.journeyevent.batch)
        return list(made_from.values()), list(used_in.values())

    @cached_property
    def made_from(self) -> list[Batch]:
        return self.links[0]

    @cached_property
    def used_in(self) -> list[Batch]:
        return self.links[1]

    @cached_property
    def documents(self) -> list[Attachment]:
        return [a for a in self.attachments if not a.event_id]

    @cached_property
    def certifications(self) -> list:
        producer = producer_of(self.batch)
        return list(producer.certifications.all()) if producer else []


def producer_of(batch: Batch):
    """The cooperative's public profile, when it has one that the public may see."""
    producer = getattr(batch.partner, "producer", None)
    return producer if producer is not None and producer.is_public else None


def _image_path(product_ref: str):
    """The product's first image, as a subquery, so the photo costs no query of its own."""
    return Subquery(
        ProductImage.objects.filter(product=OuterRef(product_ref))
        .order_by("display_order", "pk")
        .values("original")[:1]
    )


def _linked(ref: str) -> dict:
    """Whether the batch was made from other lots (``fed``) or went into some (``feeds``)."""
    through = JourneyEvent.input_batches.through
    return {
        "fed": Exists(through.objects.filter(journeyevent__batch=OuterRef(ref))),
        "feeds": Exists(through.objects.filter(batch=OuterRef(ref))),
    }


def count_of(rows: QuerySet, group: str):
    """How many ``rows`` there are, as a subquery annotation (``rows`` refers to OuterRef)."""
    counted = rows.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0, output_field=IntegerField())


def _scan_figures(group: str, **match) -> dict:
    """How often and since when the code was scanned, as annotations of the lookup query."""
    scans = Scan.objects.filter(**match)
    first = scans.order_by().values(group).annotate(first=Min("scanned_at")).values("first")
    return {"scan_count": count_of(scans, group), "first_scan": Subquery(first)}


BATCH_RELATIONS = ("product", "product__ocop_rating", "partner", "partner__producer")
BATCH_CACHE_SECONDS = 300  # product, rating and cooperative changes show within this
PAGE_CACHE_SECONDS = 300

# Caching. A published batch and its rendered page are cached under the printed code, which
# the URL carries, so a hot code finds both in one round trip before any query. A page is
# only used for the batch version it was rendered from (see Batch.touch).


def _code_id(gtin: str, lot: str) -> str:
    return f"{gtin}:{gs1.encode_value(lot)}"


def cache_id(batch: Batch) -> str:
    """What a batch is cached under: its printed code."""
    return _code_id(batch.gtin, batch.lot) if batch.gtin else f"t:{batch.short_code}"


def _batch_key(code_id: str) -> str:
    return hashed_key("trace:batch", code_id)


def page_cache_key(code_id: str, language: str) -> str:
    return hashed_key("trace:page", code_id, language)


def cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - without a cache the database answers everything
        logger.warning("origin cache unavailable", exc_info=True)
        return None


def cache_set(key: str, value, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("origin cache unavailable", exc_info=True)


@receiver(batch_changed, dispatch_uid="traceability.lookup.forget_batch")
def forget_batch(sender, batch: Batch, **kwargs) -> None:
    """Drop a batch's cached copy after the cooperative changed it or its journey."""
    try:
        cache.delete(_batch_key(cache_id(batch)))
    except Exception:  # noqa: BLE001 - an unreachable cache holds nothing to forget for long
        logger.warning("origin cache unavailable", exc_info=True)


def _remember(batch: Batch) -> None:
    cache_set(_batch_key(cache_id(batch)), batch, BATCH_CACHE_SECONDS)


def remember_page(batch: Batch, html: str) -> None:
    """Keep a batch's page for its current version: a later change makes it stale at once."""
    key = page_cache_key(cache_id(batch), get_language())
    cache_set(key, (batch.updated_at.timestamp(), html), PAGE_CACHE_SECONDS)


def _current(entry: tuple | None, batch: Batch | None) -> str | None:
    """A cached page, if it was rendered from this very version of the batch."""
    return entry[1] if entry and batch and entry[0] == batch.updated_at.timestamp() else None


def _cached(code_id: str) -> tuple[Batch | None, str | None]:
    """The batch and its rendered page in the visitor's language, in one cache round trip."""
    keys = [_batch_key(code_id), page_cache_key(code_id, get_language())]
    try:
        found = cache.get_many(keys)
    except Exception:  # noqa: BLE001
        logger.warning("origin cache unavailable", exc_info=True)
        return None, None
    batch = found.get(keys[0])
    return batch, _current(found.get(keys[1]), batch)


def _with_page(found: Origin | None) -> Origin | None:
    """After a full lookup: the batch's page may still be cached for its current version."""
    if found is not None and found.page is None:
        entry = cache_get(page_cache_key(cache_id(found.batch), get_language()))
        found.page = _current(entry, found.batch)
    return found


# Lookups


def _find_batch(**lookup) -> Origin | None:
    """One query: the batch with its product, rating, cooperative, photo and scan figures."""
    batch = (
        Batch.objects.published()
        .filter(**lookup)
        .select_related(*BATCH_RELATIONS)
        .annotate(
            image_path=_image_path("product_id"),
            **_linked("pk"),
            **_scan_figures("batch", batch=OuterRef("pk"), serial__isnull=True),
        )
        .first()
    )
    if batch is None:
        return None
    _remember(batch)
    return Origin(batch, None, batch.scan_count, batch.first_scan)


def _find_serial(**lookup) -> Origin | None:
    """One query: the unit with its batch, product, rating, cooperative, photo and scan figures."""
    serial = (
        Serial.objects.filter(batch__status=Batch.Status.PUBLISHED, **lookup)
        .select_related("batch", *(f"batch__{r}" for r in BATCH_RELATIONS))
        .annotate(
            image_path=_image_path("batch__product_id"),
            **_linked("batch_id"),
            **_scan_figures("serial", serial=OuterRef("pk")),
        )
        .first()
    )
    if serial is None:
        return None
    serial.batch.image_path = serial.image_path
    serial.batch.fed, serial.batch.feeds = serial.fed, serial.feeds
    _remember(serial.batch)
    return Origin(serial.batch, serial, serial.scan_count, serial.first_scan)


# The hot path's only query, written out: building it through the ORM cost more CPU than
# running it. Portable SQL for SQLite and PostgreSQL; datetimes converted as Django does.
_BATCH_FIGURES = (
    "SELECT COUNT(*), MIN(scanned_at) FROM {scan} WHERE batch_id = %s AND serial_id IS NULL"
)
_SERIAL_FIGURES = (
    "SELECT s.id, s.flag, s.flagged_at, s.cleared_at, s.cleared_scans,"
    " (SELECT COUNT(*) FROM {scan} c WHERE c.serial_id = s.id),"
    " (SELECT MIN(c.scanned_at) FROM {scan} c WHERE c.serial_id = s.id)"
    " FROM {serial} s WHERE s.batch_id = %s AND s.code = %s"
)


def _figures(sql: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(
                scan=connection.ops.quote_name(Scan._meta.db_table),
                serial=connection.ops.quote_name(Serial._meta.db_table),
            ),
            params,
        )
        return cursor.fetchone()


def _datetime(value):
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = parse_datetime(value)  # SQLite hands back text, or a naive datetime in UTC
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def _batch_figures(batch: Batch, page: str | None) -> Origin:
    count, first = _figures(_BATCH_FIGURES, [batch.pk])
    return Origin(batch, None, count, _datetime(first), page)


def _serial_figures(batch: Batch, code: str, page: str | None) -> Origin | None:
    row = _figures(_SERIAL_FIGURES, [batch.pk, code])
    if row is None:
        return None
    pk, flag, flagged_at, cleared_at, cleared_scans, count, first = row
    serial = Serial(
        pk=pk,
        batch=batch,
        code=code,
        flag=flag,
        flagged_at=_datetime(flagged_at),
        cleared_at=_datetime(cleared_at),
        cleared_scans=cleared_scans,
    )
    return Origin(batch, serial, count, _datetime(first), page)


def resolve_digital_link(candidates: list[gs1.DigitalLink]) -> Origin | None:
    """The published batch or serial one of the readings of a Digital Link path names."""
    for link in candidates:
        if link.lot is None:
            found = _find_serial(code=link.serial, batch__gtin=link.gtin) if link.serial else None
        else:
            batch, page = _cached(_code_id(link.gtin, link.lot))
            if link.serial is None:
                found = (
                    _batch_figures(batch, page)
                    if batch
                    else _find_batch(gtin=link.gtin, lot=link.lot)
                )
            elif batch:
                found = _serial_figures(batch, link.serial, page)
            else:
                found = _find_serial(code=link.serial, batch__gtin=link.gtin, batch__lot=link.lot)
        if found:
            return _with_page(found)
    return None


def resolve_short_code(code: str) -> Origin | None:
    """A /t/<code>: a batch's short code, or a serial of a product without a GTIN."""
    if not code or len(code) > gs1.MAX_SERIAL_LENGTH or not set(code) <= gs1.CSET82:
        return None
    batch, page = _cached(f"t:{code}")
    if batch:
        return _batch_figures(batch, page)
    return _with_page(_find_batch(short_code=code) or _find_serial(code=code, batch__gtin=""))


def product_for_gtin(gtin14: str):
    """The public product a bare /01/<gtin> names (its UPC may be stored without padding)."""
    forms = {gtin14, gtin14.lstrip("0"), gtin14[1:], gtin14[2:], gtin14[6:]}
    return Product.objects.filter(
        upc__in=[f for f in forms if len(f) in gs1.GTIN_LENGTHS], is_public=True
    ).first()
