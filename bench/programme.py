"""Programme dashboard benchmark: /dashboard/programme/ at 100,000 products, 500 cooperatives
and 1,000,000 order lines on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench_programme \
        .venv/bin/python bench/programme.py --fresh

What it does, in order:
 1. creates the database (``--fresh`` drops it first), migrates and loads the demo marketplace;
 2. grows it with SQL (each synthetic row is a copy of a demo row with its keys and figures
    replaced, ``INSERT … SELECT … FROM generate_series``): ``--cooperatives`` approved
    cooperatives spread over the 34 provinces and five legal forms, ``--products`` products
    in the taxonomy's sub-groups with an OCOP rating for 85 % of them (some expired, some
    revoked) and, behind each rating of 3 stars or more, a council's certified dossier and
    certificate with the same dates (``evaluation``), ``--lines`` order lines in orders of
    four lines over the last two years (5 % cancelled), and ``--scans`` QR scans; then
    ANALYZE;
    then rebuilds the summaries the dashboard reads (``programme.summaries``: the monthly
    sales and the certified products), as the nightly task does, and times each rebuild;
 3. renders the dashboard in-process with Django's test client as alliance staff,
    ``--requests`` times for each of four filter sets (the default last 12 months, a calendar
    year, one province, one sector) after one warm-up request, and prints p50/p95 and the
    number of queries. Results go to ``bench/programme-results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from common import ensure_database, log, manage, percentile, setup_django  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def clone(
    cursor, table: str, template_id: int, count: int, overrides: dict, with_sql: str = ""
) -> None:
    """Insert `count` copies of row `template_id` of `table`, with `overrides` (column -> SQL on g)."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cursor.fetchall() if row[0] != "id"]
    values = [overrides.get(column, f't."{column}"') for column in columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    cursor.execute(
        f"{with_sql} INSERT INTO {table} ({quoted}) SELECT {', '.join(values)} "
        f"FROM {table} t, generate_series(1, {int(count)}) g{', pick' if with_sql else ''} "
        f"WHERE t.id = {int(template_id)}"
    )


def copy_row(cursor, table: str, template_id: int, overrides: dict, source: str) -> None:
    """Insert a copy of row `template_id` of `table` (alias t) for every row of `source` (SQL
    after FROM, with its WHERE), with `overrides` (column -> SQL on the source's columns)."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cursor.fetchall()]
    values = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    where = " AND " if " WHERE " in f" {source} " else " WHERE "
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)}) "
        f"SELECT {values} FROM {table} t, {source}{where}t.id = {int(template_id)}"
    )


def grow_certificates(cursor) -> None:
    """The councils' certificates behind the ratings of 3 stars or more: a certified dossier
    and a certificate per rated product (its dates, stars and revocation), copied from one
    made through the models."""
    import datetime

    from oscar.core.loading import get_model

    from evaluation.models import Certificate, Dossier, Level, State

    first = (
        get_model("catalogue", "Product")
        .objects.filter(slug__startswith="bench-product-", ocop_rating__stars__gte=3)
        .select_related("producer", "ocop_rating")
        .order_by("pk")
        .first()
    )
    rating = first.ocop_rating
    dossier = Dossier.objects.create(
        producer=first.producer,
        product=first,
        product_name=first.title,
        product_set="food",
        province_code=first.producer.province_code,
        commune_code=first.producer.commune_code or "00001",
        year=rating.issued_on.year,
        state=State.CERTIFIED,
    )
    certificate = Certificate.objects.create(
        number="BENCH-C-TEMPLATE",
        dossier=dossier,
        product=first,
        producer=first.producer,
        product_name=first.title,
        stars=rating.stars,
        score=rating.score,
        level=Level.PROVINCE,
        authority_name="UBND tỉnh",
        decision_number="QĐ-BENCH",
        issued_on=rating.issued_on,
        expires_on=rating.expires_on or rating.issued_on + datetime.timedelta(days=1095),
    )
    rated = (
        "catalogue_ocoprating r JOIN catalogue_product p ON p.id = r.product_id "
        "JOIN producers_producer pr ON pr.id = p.producer_id "
        f"WHERE p.slug LIKE 'bench-product-%' AND r.stars >= 3 AND p.id <> {int(first.pk)}"
    )
    copy_row(
        cursor,
        "evaluation_dossier",
        dossier.pk,
        {
            "producer_id": "p.producer_id",
            "product_id": "p.id",
            "product_name": "p.title",
            "province_code": "pr.province_code",
            "year": "extract(year FROM r.issued_on)::int",
        },
        rated,
    )
    log("certificates")
    copy_row(
        cursor,
        "evaluation_certificate",
        certificate.pk,
        {
            "number": "'BENCH-C-' || d.product_id",
            "dossier_id": "d.id",
            "product_id": "d.product_id",
            "producer_id": "d.producer_id",
            "product_name": "d.product_name",
            "stars": "r.stars",
            "score": "r.score",
            "issued_on": "r.issued_on",
            "expires_on": "r.expires_on",
            "revoked_on": "CASE WHEN r.revoked THEN r.issued_on + 30 END",
        },
        "evaluation_dossier d JOIN catalogue_ocoprating r ON r.product_id = d.product_id "
        f"WHERE d.id > {int(dossier.pk)}",
    )


def grow(cooperatives: int, products: int, lines: int, scans: int) -> None:
    from django.db import connection, transaction
    from oscar.core.loading import get_model

    from regions import units

    Product = get_model("catalogue", "Product")
    Line = get_model("order", "Line")
    codes = "ARRAY[" + ",".join(f"'{p.code}'" for p in units.provinces()) + "]"
    forms = "ARRAY['htx','htx','htx','lien_hiep_htx','to_hop_tac','doanh_nghiep','ho_kinh_doanh']"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, partner_id FROM producers_producer WHERE partner_id IS NOT NULL "
            "ORDER BY id LIMIT 1"
        )
        producer = cursor.fetchone()
        log(f"{cooperatives} cooperatives")
        clone(
            cursor,
            "partner_partner",
            producer[1],
            cooperatives,
            {
                "code": "'bench-' || g",
                "name": "'HTX bench ' || g",
            },
        )
        clone(
            cursor,
            "producers_producer",
            producer[0],
            cooperatives,
            {
                "partner_id": "(SELECT id FROM partner_partner WHERE code = 'bench-' || g)",
                "slug": "'bench-' || g",
                "name": "'Hợp tác xã bench ' || g",
                "short_name": "'HTX bench ' || g",
                "registration_number": "'BENCH-' || g",
                "province_code": f"({codes})[1 + g % 34]",
                "legal_form": f"({forms})[1 + g % 7]",
                "status": "'approved'",
                "approved_at": "now() - (g % 700) * interval '1 day'",
            },
        )
        template = (
            Product.objects.filter(ocop_rating__isnull=False, structure="standalone")
            .order_by("pk")
            .first()
        )
        log(f"{products} products")
        pick_producers = "pick AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(province_code ORDER BY id) AS provs FROM producers_producer WHERE slug LIKE 'bench-%')"
        clone(
            cursor,
            "catalogue_product",
            template.pk,
            products,
            {
                "upc": "NULL",
                "slug": "'bench-product-' || g",
                "title": "'Sản phẩm bench ' || g",
                "search_title": "'san pham bench ' || g",
                "producer_id": f"pick.ids[1 + g % {cooperatives}]",
                "origin_province_code": f"pick.provs[1 + g % {cooperatives}]",
            },
            with_sql="WITH " + pick_producers,
        )
        cursor.execute(
            "INSERT INTO catalogue_productcategory (product_id, category_id) "
            "SELECT p.id, (SELECT array_agg(id ORDER BY id) FROM catalogue_category WHERE numchild = 0 AND code LIKE '_._._')[1 + p.id % 26] "
            "FROM catalogue_product p WHERE p.slug LIKE 'bench-product-%'"
        )
        copy_row(
            cursor,
            "catalogue_ocoprating",
            template.ocop_rating.pk,
            {
                "product_id": "p.id",
                "score": "30 + p.id % 70",
                "stars": "CASE WHEN 30 + p.id % 70 >= 90 THEN 5 WHEN 30 + p.id % 70 >= 70 THEN 4 WHEN 30 + p.id % 70 >= 50 THEN 3 ELSE 2 END",
                "issued_on": "current_date - (p.id % 1400)::int",
                "expires_on": "current_date - (p.id % 1400)::int + 1095",
                "revoked": "(p.id % 50 = 0)",
                "certificate_number": "'BENCH-' || p.id",
            },
            "catalogue_product p WHERE p.slug LIKE 'bench-product-%' AND p.id % 20 < 17",
        )
        grow_certificates(cursor)
        line = Line.objects.order_by("pk").first()
        if line is None:
            sys.exit("The demo has no order line to copy.")
        orders = lines // 4
        log(f"{orders} orders, {lines} order lines")
        clone(
            cursor,
            "order_order",
            line.order_id,
            orders,
            {
                "number": "'BENCH-' || g",
                "date_placed": "now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute'",
                "status": "CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'paid' END",
            },
        )
        cursor.execute("SELECT min(id) FROM order_order WHERE number LIKE 'BENCH-%'")
        first_order = cursor.fetchone()[0]
        pick_lines = (
            "pick AS (SELECT array_agg(p.id ORDER BY p.id) AS products, "
            "(SELECT array_agg(partner_id ORDER BY id) FROM producers_producer WHERE slug LIKE 'bench-%') AS partners "
            "FROM catalogue_product p WHERE p.slug LIKE 'bench-product-%')"
        )
        clone(
            cursor,
            "order_line",
            line.pk,
            lines,
            {
                "order_id": f"{first_order} + (g - 1) / 4",
                "product_id": f"pick.products[1 + g % {products}]",
                "partner_id": f"pick.partners[1 + g % {cooperatives}]",
                "partner_name": f"'HTX bench ' || (1 + g % {cooperatives})",
                "line_price_incl_tax": "50000 + (g % 40) * 25000",
                "line_price_excl_tax": "50000 + (g % 40) * 25000",
            },
            with_sql="WITH " + pick_lines,
        )
        cursor.execute("SELECT id FROM traceability_scan ORDER BY id LIMIT 1")
        scan = cursor.fetchone()
        if scan:
            log(f"{scans} scans")
            clone(
                cursor,
                "traceability_scan",
                scan[0],
                scans,
                {
                    "scanned_at": "now() - (g % 730) * interval '1 day'",
                    "batch_id": "(SELECT array_agg(id ORDER BY id) FROM traceability_batch)[1 + g % (SELECT count(*) FROM traceability_batch)]",
                    "serial_id": "NULL",
                },
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def rebuild_summaries() -> dict[str, float]:
    """The rows grown with SQL bypass the signals: recount the summaries the dashboard reads
    (monthly sales, certified products), as the nightly task does, and time each."""
    from django.db import connection

    from programme import summaries

    timings = {}
    for name in ("sales", "certifications"):
        started = time.perf_counter()
        rows = summaries.rebuild_all([name])[name]
        timings[name] = round((time.perf_counter() - started) * 1000, 1)
        log(f"{name} summary rebuilt: {rows} rows in {timings[name]:.0f} ms")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE programme_salesmonth")
        cursor.execute("ANALYZE programme_productcertification")
    return timings


def measure(requests: int) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from marketplace.demo.users import STAFF

    client = Client()
    client.force_login(get_user_model().objects.get(email=STAFF["email"]))
    year = str(time.localtime().tm_year - 1)
    cases = [
        ("last 12 months, all provinces", {}),
        (f"year {year}, all provinces", {"period": year}),
        ("last 12 months, Hà Nội (01)", {"province": "01"}),
        ("last 12 months, sector 1 (food)", {"sector": "1"}),
    ]
    from django.core.cache import cache

    results = []
    for name, params in cases:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/programme/", params).status_code == 200
        row = {"case": name, "queries": len(queries.captured_queries)}
        for mode in ("cold", "warm"):
            timings = []
            for _ in range(requests):
                if mode == "cold":
                    cache.clear()  # every figure computed again, as after the cache expires
                reset_queries()
                started = time.perf_counter()
                response = client.get("/dashboard/programme/", params)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            row[f"{mode}_p50_ms"] = round(statistics.median(timings), 1)
            row[f"{mode}_p95_ms"] = round(percentile(timings, 95), 1)
        log(
            f"{name}: cold p50 {row['cold_p50_ms']} / p95 {row['cold_p95_ms']} ms, "
            f"warm p50 {row['warm_p50_ms']} / p95 {row['warm_p95_ms']} ms, {row['queries']} queries"
        )
        results.append(row)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--cooperatives", type=int, default=500)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--scans", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--skip-grow", action="store_true", help="measure the database as it is")
    parser.add_argument("--skip-demo", action="store_true", help="the demo is loaded already")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is created if missing).")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.test"}
    ensure_database(database, args.fresh)
    if not (args.skip_grow or args.skip_demo):
        log("migrate and load_demo")
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", "--verbosity", "0", env=env)
    setup_django(env)
    if not args.skip_grow:
        started = time.perf_counter()
        grow(args.cooperatives, args.products, args.lines, args.scans)
        log(f"grown in {time.perf_counter() - started:.0f} s")
    rebuild_ms = rebuild_summaries()
    results = measure(args.requests)
    out = ROOT / "bench" / "programme-results.json"
    out.write_text(
        json.dumps(
            {"args": vars(args), "summary_rebuild_ms": rebuild_ms, "results": results},
            indent=2,
            ensure_ascii=False,
        )
    )
    print("| filters | cold p50 | cold p95 | warm p50 | warm p95 | queries |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in results:
        print(
            f"| {row['case']} | {row['cold_p50_ms']} | {row['cold_p95_ms']} | "
            f"{row['warm_p50_ms']} | {row['warm_p95_ms']} | {row['queries']} |"
        )


if __name__ == "__main__":
    main()
