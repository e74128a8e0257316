"""Keeping `SalesMonth` (the dashboard's sales figures) equal to a count of the order lines.

- an order placed (Oscar's `order_placed`, sent once its lines exist) adds its lines to their
  buckets, unless it starts in a status whose money goes back;
- a status change (`order.transitions.order_transitioned`, sent inside the change's
  transaction) that crosses the line between "the money stays" and "the money goes back"
  (cancelled, refund requested, refunded) adds or takes away the order's lines;
- an order deleted takes its lines away (`pre_delete`, before they are deleted with it);
- `rebuild()` recounts everything from the lines (`manage.py rebuild_summaries`, and the
  nightly beat task `programme.rebuild_summaries`, see `summaries.py`): what changed behind the signals'
  back (an order edited in the admin or with SQL, a product moved to another sector, a
  cooperative to another province) is put right there.

A bucket is (month of placement in local time, the cooperative's province, the sector of the
product's first category, the cooperative); each change is one atomic
`INSERT … ON CONFLICT DO UPDATE` per bucket (SQLite and PostgreSQL), so orders placed at the
same time never overwrite each other's figures.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import CharField, Count, DateField, F, Max, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from oscar.core.loading import get_model

from order.statuses import MONEY_GOES_BACK

from .models import SalesMonth
from .scoping import with_sector
from .summaries import rebuilds, replace

Key = tuple[datetime.date, str, str, int]


def counts(status: str) -> bool:
    """Whether an order in `status` counts in the sales figures (its money stayed)."""
    return status not in MONEY_GOES_BACK


def _grouped(lines) -> dict[Key, dict]:
    """`lines` summed per bucket: {key: {"name", "lines", "quantity", "gmv"}}."""
    lines = lines.annotate(
        month=TruncMonth("order__date_placed", output_field=DateField()),
        province=Coalesce(
            F("partner__producer__province_code"), Value(""), output_field=CharField()
        ),
        partner_key=Coalesce(F("partner_id"), Value(0)),
    )
    with_category = with_sector(lines).annotate(bucket_sector=F("sector"))
    without = lines.filter(product__productcategory__isnull=True).annotate(
        bucket_sector=Value("", output_field=CharField())
    )
    found: dict[Key, dict] = {}
    for part in (with_category, without):
        rows = part.values("month", "province", "bucket_sector", "partner_key").annotate(
            n=Count("id"),
            qty=Sum("quantity"),
            money=Sum("line_price_incl_tax"),
            name=Max("partner_name"),
        )
        for row in rows:
            key = (
                row["month"],
                row["province"] or "",
                row["bucket_sector"] or "",
                row["partner_key"],
            )
            bucket = found.setdefault(key, {"name": "", "lines": 0, "quantity": 0, "gmv": 0})
            bucket["name"] = row["name"] or bucket["name"]
            bucket["lines"] += row["n"]
            bucket["quantity"] += int(row["qty"] or 0)
            bucket["gmv"] += int(row["money"] or 0)
    return found


def _lines():
    return get_model("order", "Line").objects.all()


def _add(buckets: dict[Key, dict], sign: int) -> None:
    table = connection.ops.quote_name(SalesMonth._meta.db_table)
    sql = (
        f"INSERT INTO {table} (month, province_code, sector, partner_pk, partner_name, "
        "lines, quantity, gmv) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (month, province_code, sector, partner_pk) DO UPDATE SET "
        f"lines = {table}.lines + excluded.lines, "
        f"quantity = {table}.quantity + excluded.quantity, "
        f"gmv = {table}.gmv + excluded.gmv, partner_name = excluded.partner_name"
    )
    params = [
        (*key, figures["name"][:128], sign * figures["lines"], sign * figures["quantity"],
         sign * figures["gmv"])
        for key, figures in sorted(buckets.items())
    ]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)
        if sign < 0:
            SalesMonth.objects.filter(lines__lte=0, quantity__lte=0, gmv__lte=0).delete()


def add_order(order, sign: int = 1) -> None:
    """Add (`sign` 1) or take away (-1) the order's lines."""
    buckets = _grouped(_lines().filter(order_id=order.pk))
    if buckets:
        _add(buckets, sign)


def on_order_placed(sender, order, **kwargs) -> None:
    if counts(order.status):
        add_order(order, 1)


def on_order_deleted(sender, instance, **kwargs) -> None:
    """An order deleted (the admin, a person's erasure, a test's clean-up) leaves the figures;
    its lines still exist before the delete cascades to them."""
    if instance.pk and counts(instance.status):
        add_order(instance, -1)


def on_order_transitioned(sender, order, from_status: str, to_status: str, **kwargs) -> None:
    if not from_status:
        return  # the order being placed: its lines do not exist yet (`on_order_placed`)
    before, after = counts(from_status), counts(to_status)
    if before != after:
        add_order(order, 1 if after else -1)


def recount() -> dict[Key, dict]:
    """The summary as it should be, counted from the order lines."""
    return _grouped(_lines().exclude(order__status__in=MONEY_GOES_BACK))


def stored() -> dict[Key, dict]:
    """The summary as it is (rows with figures)."""
    return {
        (row.month, row.province_code, row.sector, row.partner_pk): {
            "name": row.partner_name,
            "lines": row.lines,
            "quantity": row.quantity,
            "gmv": row.gmv,
        }
        for row in SalesMonth.objects.exclude(lines=0, quantity=0, gmv=0)
    }


@rebuilds("sales")
def rebuild() -> int:
    """Replace the summary by a recount from the order lines; returns the number of rows."""
    rows = [
        SalesMonth(
            month=key[0],
            province_code=key[1],
            sector=key[2],
            partner_pk=key[3],
            partner_name=figures["name"][:128],
            lines=figures["lines"],
            quantity=figures["quantity"],
            gmv=figures["gmv"],
        )
        for key, figures in recount().items()
    ]
    return replace(SalesMonth, rows)
