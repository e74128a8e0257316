"""The open-data feed of certified OCOP products: the records, their pages and their schema."""

from __future__ import annotations

import datetime
import json
from functools import lru_cache

from django.core.paginator import Paginator
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.models import certified_rating_q

from . import plans

COLUMNS = [
    "id",
    "product",
    "product_url",
    "gtin",
    "producer",
    "producer_type",
    "commune_code",
    "province_code",
    "stars",
    "certificate_number",
    "issued_on",
    "expires_on",
    "decision_number",
    "authority",
]


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((plans.DATA / "open_data_schema.json").read_text(encoding="utf-8"))


def field_docs() -> list[tuple[str, str]]:
    properties = schema()["properties"]["results"]["items"]["properties"]
    return [(name, properties[name].get("description", "")) for name in COLUMNS]


def records(on: datetime.date):
    """Certified public products as plain rows, in a stable order (the rating's id)."""
    OcopRating = get_model("catalogue", "OcopRating")
    return (
        OcopRating.objects.filter(
            certified_rating_q(on), issued_on__lte=on, product__is_public=True
        )
        .annotate(
            province=Coalesce(
                NullIf(F("product__producer__province_code"), Value("")),
                NullIf(F("product__origin_province_code"), Value("")),
                output_field=CharField(),
            )
        )
        .order_by("pk")
        .values(
            "pk",
            "product_id",
            "product__title",
            "product__slug",
            "product__upc",
            "product__producer__name",
            "product__producer__legal_form",
            "product__producer__commune_code",
            "province",
            "stars",
            "certificate_number",
            "issued_on",
            "expires_on",
            "decision_number",
            "authority",
        )
    )


def as_record(row: dict) -> dict:
    url = reverse(
        "catalogue:detail", kwargs={"product_slug": row["product__slug"], "pk": row["product_id"]}
    )
    return {
        "id": row["pk"],
        "product": row["product__title"],
        "product_url": url,
        "gtin": row["product__upc"] or None,
        "producer": row["product__producer__name"],
        "producer_type": row["product__producer__legal_form"],
        "commune_code": row["product__producer__commune_code"] or None,
        "province_code": row["province"] or None,
        "stars": row["stars"],
        "certificate_number": row["certificate_number"],
        "issued_on": row["issued_on"].isoformat(),
        "expires_on": row["expires_on"].isoformat(),
        "decision_number": row["decision_number"],
        "authority": row["authority"],
    }


def page_size(asked: str | None) -> int:
    settings = plans.settings()
    try:
        size = int(asked) if asked else int(settings["open_data_page_size"])
    except ValueError:
        size = int(settings["open_data_page_size"])
    return max(1, min(size, int(settings["open_data_max_page_size"])))


def paginate(on: datetime.date, number, size: int):
    """The asked page; Http404 (Django's InvalidPage) for a page that does not exist."""
    return Paginator(records(on), size).page(number)
