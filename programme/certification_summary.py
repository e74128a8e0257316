"""Keeping `ProductCertification` (the dashboard's certified-product figures) equal to the
catalogue's ratings and the councils' certificates.

Nothing is counted up or down: a change recomputes the rows it touches from their sources
(`refresh`), so running it twice, or in two requests at once, gives the same rows.

- a rating or certificate saved or deleted: its product's rows (a certificate's siblings too,
  since whether a certificate was renewed depends on the product's next one);
- a product saved or deleted, its categories changed (its sector is its first category's):
  that product's rows, when it has any;
- a producer saved whose province or legal form differs from its rows, or deleted: its rows;
- `rebuild()` recounts everything (`manage.py rebuild_summaries`, the nightly beat task
  `programme.rebuild_summaries`, see `summaries.py`): what changed behind the signals' back (a
  category's code edited, rows changed with SQL or `QuerySet.update`) is put right there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from evaluation.models import Certificate

from .models import ProductCertification
from .scoping import province_of_product, sector_of_product
from .summaries import rebuilds, replace

Source = ProductCertification.Source
# What `ProductCertification` copies of a rating: a save of other fields changes no row.
RATING_FIELDS = {"product", "product_id", "stars", "score", "issued_on", "expires_on", "revoked"}
PRODUCT_FIELDS = {"producer", "producer_id", "origin_province_code"}
COPIED = (
    "product_pk",
    "producer_pk",
    "province_code",
    "sector",
    "legal_form",
    "stars",
    "issued_on",
    "expires_on",
    "revoked",
    "revoked_on",
    "next_issued_on",
)


def _text(expression):
    return Coalesce(expression, Value(""), output_field=CharField())


def _rows(source: str, queryset, *same: str, **copied) -> list[ProductCertification]:
    """A summary row for each of `queryset`'s rows: the fields `same` read as they are, the
    others from the expressions `copied`."""
    found = queryset.order_by().values(*same, source_pk=F("pk"), **copied)
    return [ProductCertification(source=source, **values) for values in found]


def _rating_rows(ratings) -> list[ProductCertification]:
    return _rows(
        Source.RATING,
        ratings,
        "stars",
        "issued_on",
        "expires_on",
        "revoked",
        product_pk=F("product_id"),
        producer_pk=F("product__producer_id"),
        province_code=_text(province_of_product("product__")),
        legal_form=_text(F("product__producer__legal_form")),
        sector=sector_of_product("product_id"),
    )


def _certificate_rows(certificates) -> list[ProductCertification]:
    following = (
        Certificate.objects.filter(
            product_id=OuterRef("product_id"), issued_on__gt=OuterRef("issued_on")
        )
        .order_by("issued_on")
        .values("issued_on")[:1]
    )
    return _rows(
        Source.CERTIFICATE,
        certificates,
        "stars",
        "issued_on",
        "expires_on",
        "revoked_on",
        product_pk=F("product_id"),
        producer_pk=F("producer_id"),
        province_code=_text(F("producer__province_code")),
        legal_form=_text(F("producer__legal_form")),
        sector=sector_of_product("product_id"),
        revoked=ExpressionWrapper(Q(revoked_on__isnull=False), output_field=BooleanField()),
        next_issued_on=Subquery(following),
    )


def _ratings():
    return get_model("catalogue", "OcopRating").objects.all()


def _ids(values: Iterable) -> set[int]:
    return {value for value in values if value is not None}


def refresh(products: Iterable = (), producers: Iterable = (), certificates: Iterable = ()) -> None:
    """Recompute the rows of these products, producers and certificates from their sources:
    rows whose source is gone are deleted, the others written again."""
    products, producers, certificates = _ids(products), _ids(producers), _ids(certificates)
    if not (products or producers or certificates):
        return
    stored = ProductCertification.objects.filter(
        Q(product_pk__in=products)
        | Q(producer_pk__in=producers)
        | Q(source=Source.CERTIFICATE, source_pk__in=certificates)
    )

    def stored_ids(source: str):
        return stored.filter(source=source).values("source_pk")

    rows = _rating_rows(
        _ratings().filter(
            Q(product_id__in=products)
            | Q(product__producer_id__in=producers)
            | Q(pk__in=stored_ids(Source.RATING))
        )
    ) + _certificate_rows(
        Certificate.objects.filter(
            Q(product_id__in=products)
            | Q(producer_id__in=producers)
            | Q(pk__in=certificates)
            | Q(pk__in=stored_ids(Source.CERTIFICATE))
        )
    )
    stored.delete()
    if rows:
        # A row another request wrote meanwhile is overwritten with the same figures.
        ProductCertification.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["source", "source_pk"],
            update_fields=list(COPIED),
        )


def _summarised(products: Iterable) -> bool:
    return ProductCertification.objects.filter(product_pk__in=_ids(products)).exists()


def _changes(update_fields, fields: set[str]) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


def on_rating_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if _changes(update_fields, RATING_FIELDS):
        refresh(products=[instance.product_id])


def on_rating_deleted(sender, instance, **kwargs) -> None:
    refresh(products=[instance.product_id])


def on_certificate_changed(sender, instance, **kwargs) -> None:
    # The product it belonged to before, if it moved: that product's certificates are renewed
    # or not without it.
    before = ProductCertification.objects.filter(
        source=Source.CERTIFICATE, source_pk=instance.pk
    ).values_list("product_pk", flat=True)
    refresh(products=[instance.product_id, *before], certificates=[instance.pk])


def on_product_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    # A new product has no rating yet; an unrated one has no row to change.
    if created or not _changes(update_fields, PRODUCT_FIELDS):
        return
    if _summarised([instance.pk]):
        refresh(products=[instance.pk])


def on_product_deleted(sender, instance, **kwargs) -> None:
    refresh(products=[instance.pk])


def on_category_link_changed(sender, instance, **kwargs) -> None:
    """A `ProductCategory` saved or deleted: the product's first category may be another."""
    if _summarised([instance.product_id]):
        refresh(products=[instance.product_id])


def on_categories_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """`product.categories.add/remove/clear` (and from the category's side)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    products = [instance.pk] if not reverse else list(pk_set or ())
    if products and _summarised(products):
        refresh(products=products)


def on_producer_saved(sender, instance, created=False, **kwargs) -> None:
    if created:
        return
    differs = (
        ProductCertification.objects.filter(producer_pk=instance.pk)
        .exclude(province_code=instance.province_code, legal_form=instance.legal_form)
        .exists()
    )
    if differs:
        refresh(producers=[instance.pk])


def on_producer_deleted(sender, instance, **kwargs) -> None:
    refresh(producers=[instance.pk])


def recount() -> list[ProductCertification]:
    """The summary as it should be, from every rating and certificate."""
    return _rating_rows(_ratings()) + _certificate_rows(Certificate.objects.all())


def as_dict(rows: Iterable[ProductCertification]) -> dict[tuple[str, int], tuple]:
    """{(source, source_pk): the copied values}, to compare the stored rows with a recount."""
    return {
        (row.source, row.source_pk): tuple(getattr(row, name) for name in COPIED) for row in rows
    }


def stored() -> dict[tuple[str, int], tuple]:
    return as_dict(ProductCertification.objects.all())


@rebuilds("certifications")
def rebuild() -> int:
    """Replace the summary by a recount of every rating and certificate; returns the rows."""
    return replace(ProductCertification, recount())
