"""Catalogue benchmark: category, search, product and autocomplete pages under gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench \
        .venv/bin/python bench/catalogue.py --products 100000

What it does, in order:
 1. creates the database (``--fresh`` drops it first), migrates, loads the demo marketplace
    (taxonomy, 48 cooperatives, 218 products) and collects static files;
 2. grows the catalogue to ``--throughput-products`` (5,000) synthetic OCOP products, starts
    gunicorn (``--workers``, production settings) and measures requests/s at
    ``--concurrency`` (8) for category, product and search pages for ``--seconds`` each;
 3. grows the catalogue to ``--products`` (100,000) and measures p50/p95 latency of the
    category, search, product and autocomplete pages with ``--requests`` sequential
    requests each, from another process, over keep-alive HTTP on 127.0.0.1.

The results are printed as a Markdown table and written to ``bench/results.json``.
Set REDIS_URL (e.g. redis://127.0.0.1:6379/9) to serve with the shared Redis cache a
production deployment has; without it each gunicorn worker keeps its own memory cache.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from common import (  # noqa: E402
    DESCRIPTORS,
    KINDS,
    ensure_database,
    fetch,
    free_port,
    in_other_process,
    log,
    manage,
    percentile,
    setup_django,
    site_env,
    start_gunicorn,
    stop,
    throughput_worker,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = [
    "ca phe",
    "ca phe buon ma thuot",
    "nuoc mam",
    "nuoc mam phu quoc",
    "che thai nguyen",
    "mat ong",
    "gao st25",
    "dak lak",
    "tinh dau",
    "gom bat trang",
    "lua to tam",
    "hat dieu",
    "banh trang",
    "ruou",
    "nam linh chi",
    "yen sao",
    "mut gung",
    "sam ngoc linh",
    "xoai say",
    "huu co",
    "ca phe rang xay",
    "buon ma thout",
    "tinh dau que",
    "hat tieu",
    "dong trung ha thao",
]
PREFIXES = [
    "ca",
    "ca p",
    "ca ph",
    "nuoc m",
    "che",
    "mat o",
    "gao",
    "tinh d",
    "gom",
    "hat d",
    "dak",
    "yen",
]


# Building the catalogue (runs in this process, with Django set up)


def grow_catalogue(target: int, seed: int = 7) -> int:
    """Add synthetic products until the catalogue holds `target`; returns how many were added."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    from catalogue.rating_rules import current_rules
    from lib.text import fold
    from traceability.gs1 import make_gtin13

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Category = get_model("catalogue", "Category")
    StockRecord = get_model("partner", "StockRecord")
    OcopRating = get_model("catalogue", "OcopRating")
    SearchWord = get_model("catalogue", "SearchWord")
    Producer = get_model("producers", "Producer")

    have = Product.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    rules = current_rules()
    leaves = list(Category.objects.filter(numchild=0, depth__gte=2))
    producers = list(Producer.objects.approved().select_related("partner"))
    product_class = ProductClass.objects.get(slug="ocop-product")
    today = timezone.localdate()
    start = Product.objects.filter(upc__startswith="8935").count()
    added = 0
    batch = 2000
    while have + added < target:
        size = min(batch, target - have - added)
        products, extras = [], []
        for offset in range(size):
            n = start + added + offset
            producer = rng.choice(producers)
            province = producer.province
            title = f"{rng.choice(KINDS)} {province.short_name if province else ''} {rng.choice(DESCRIPTORS)} {n}"
            product = Product(
                title=title,
                slug=slugify(fold(title))[:120],
                upc=make_gtin13(f"{5000 + n // 99999:04d}", f"{n % 99999:05d}"),
                product_class=product_class,
                is_public=True,
                producer=producer,
                origin_province_code=producer.province_code,
                description=f"{title}. Sản phẩm OCOP của {producer.name}, làm từ nguyên liệu địa phương.",
                net_quantity=Decimal(rng.choice([250, 500, 1000])),
                unit=rng.choice(["g", "ml"]),
                shelf_life_months=rng.choice([6, 12, 24]),
            )
            product.refresh_search_text()
            products.append(product)
            extras.append((producer, rng.choice(leaves), rng.randint(30, 99), rng.randint(0, 1300)))
        with transaction.atomic():
            Product.objects.bulk_create(products, batch_size=1000)
            ProductCategory.objects.bulk_create(
                [
                    ProductCategory(product=p, category=e[1])
                    for p, e in zip(products, extras, strict=True)
                ],
                batch_size=2000,
            )
            StockRecord.objects.bulk_create(
                [
                    StockRecord(
                        product=p,
                        partner=e[0].partner,
                        partner_sku=p.upc,
                        price_currency="VND",
                        price=Decimal(rng.randrange(40_000, 2_000_000, 1_000)),
                        num_in_stock=rng.randint(0, 200),
                    )
                    for p, e in zip(products, extras, strict=True)
                ],
                batch_size=2000,
            )
            ratings = []
            for p, (_producer, _category, score, age) in zip(products, extras, strict=True):
                if score < 50:
                    continue
                issued = today - datetime.timedelta(days=age)
                ratings.append(
                    OcopRating(
                        product=p,
                        score=score,
                        stars=rules.stars_for(score),
                        authority=rules.authority_for(rules.stars_for(score)),
                        issued_on=issued,
                        expires_on=rules.expiry_for(issued),
                        certificate_number=f"B-{p.upc}",
                    )
                )
            OcopRating.objects.bulk_create(ratings, batch_size=2000)
            words = SearchWord.words_in(
                *(w for p in products for w in (p.search_title, p.search_body))
            )
            SearchWord.objects.bulk_create(
                [SearchWord(word=w, length=len(w)) for w in words],
                ignore_conflicts=True,
                batch_size=2000,
            )
        added += size
        if added % 20000 < batch:
            log(f"  {have + added} products")
    # What autovacuum does soon after a bulk load: statistics, the visibility map and the
    # GIN index's pending list.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return added


def sample_urls(rng: random.Random) -> dict[str, list[str]]:
    from django.core.cache import cache
    from oscar.core.loading import get_model

    from catalogue import tree

    cache.clear()
    Product = get_model("catalogue", "Product")
    categories = [n.url for n in tree.category_tree()]
    ids = list(Product.objects.filter(is_public=True).order_by("?").values_list("pk", "slug")[:400])
    products = [f"/shop/catalogue/{slug}_{pk}/" for pk, slug in ids]
    searches = [f"/shop/search/?{urlencode({'q': q})}" for q in SEARCHES]
    searches += [f"/shop/search/?{urlencode({'q': q, 'certified': '1'})}" for q in SEARCHES[:6]]
    suggest = [f"/shop/search/suggest/?{urlencode({'q': q})}" for q in PREFIXES + SEARCHES]
    return {
        "category": categories,
        "search": searches,
        "product": products,
        "autocomplete": suggest,
    }


# Serving


# Loading (runs in a separate process)


def latency_worker(port: int, urls: list[str], requests: int, queue) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    rng = random.Random(1)
    for url in urls:  # warm-up: every URL once (facet and fragment caches, thumbnails)
        fetch(conn, url)
    times, errors = [], 0
    for _ in range(requests):
        url = rng.choice(urls)
        start = time.perf_counter()
        status = fetch(conn, url)
        times.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    queue.put({"times": times, "errors": errors})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--throughput-products", type=int, default=5_000)
    parser.add_argument(
        "--requests", type=int, default=300, help="sequential requests per page type"
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="throughput run per page type")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--fresh", action="store_true", help="drop and rebuild the benchmark database"
    )
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()

    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database for the benchmark (it is created if missing)."
        )
    static_root = Path(tempfile.gettempdir()) / "ocop-bench-static"
    env = site_env(STATIC_ROOT=str(static_root))

    log(f"Preparing {database.rsplit('/', 1)[-1]}")
    ensure_database(database, args.fresh)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_demo", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    setup_django(env)
    results: dict = {
        "date": datetime.date.today().isoformat(),
        "cache": "redis" if os.environ.get("REDIS_URL") else "local memory per worker",
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "python": sys.version.split()[0],
    }
    rng = random.Random(3)

    # Each measurement runs twice: as a site serves anonymous visitors (pages shared through
    # lib/pagecache.py) and with that cache off, so every request renders its page.
    modes = {"page_cache": "300", "rendered": "0"}

    if not args.skip_throughput:
        small = min(args.throughput_products, args.products)
        log(f"Growing the catalogue to {small} products")
        grow_catalogue(small)
        urls = sample_urls(rng)
        results["throughput"] = {"products": small, "concurrency": args.concurrency}
        for mode, seconds in modes.items():
            port = free_port()
            server = start_gunicorn({**env, "OCOP_PAGE_CACHE_SECONDS": seconds}, port, args.workers)
            try:
                pages = results["throughput"][mode] = {}
                for page in ("category", "product", "search"):
                    log(f"Throughput ({mode}): {page} pages at concurrency {args.concurrency}")
                    outcome = in_other_process(
                        throughput_worker, port, urls[page], args.concurrency, args.seconds
                    )
                    outcome["per_second"] = outcome["requests"] / outcome["seconds"]
                    pages[page] = outcome
            finally:
                stop(server)

    log(f"Growing the catalogue to {args.products} products")
    started = time.perf_counter()
    grow_catalogue(args.products)
    results["build_seconds"] = round(time.perf_counter() - started, 1)
    from oscar.core.loading import get_model

    results["products"] = get_model("catalogue", "Product").objects.count()
    urls = sample_urls(rng)
    results["latency"] = {"requests": args.requests}
    for mode, seconds in modes.items():
        port = free_port()
        server = start_gunicorn({**env, "OCOP_PAGE_CACHE_SECONDS": seconds}, port, args.workers)
        try:
            pages = results["latency"][mode] = {}
            for page in ("category", "search", "product", "autocomplete"):
                log(f"Latency ({mode}): {args.requests} {page} requests")
                outcome = in_other_process(latency_worker, port, urls[page], args.requests)
                times = outcome.pop("times")
                outcome.update(
                    p50=round(statistics.median(times), 1),
                    p95=round(percentile(times, 95), 1),
                    max=round(max(times), 1),
                )
                pages[page] = outcome
        finally:
            stop(server)

    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))


STOCK_OSCAR = {"category": 9, "product": 20, "search": 2}  # req/s quoted in issue 4


MODE_TITLES = {
    "page_cache": "pages shared between anonymous visitors (lib/pagecache.py)",
    "rendered": "page cache off: every request renders its page",
}


def report(results: dict) -> str:
    lines = [
        f"Catalogue of {results['products']:,} products, {results['workers']} gunicorn workers, {results['cpus']} CPUs",
    ]
    for mode, pages in results["latency"].items():
        if mode not in MODE_TITLES:
            continue
        lines += ["", f"Latency, {MODE_TITLES[mode]}:", ""]
        lines += [
            "| page | p50 ms | p95 ms | max ms | errors |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for page, r in pages.items():
            lines.append(f"| {page} | {r['p50']} | {r['p95']} | {r['max']} | {r['errors']} |")
    t = results.get("throughput", {})
    for mode in MODE_TITLES:
        if mode not in t:
            continue
        lines += [
            "",
            f"Throughput on {t['products']:,} products at concurrency {t['concurrency']}, {MODE_TITLES[mode]}:",
            "",
            "| page | requests/s | stock Oscar (issue) | ratio | errors |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for page, r in t[mode].items():
            stock = STOCK_OSCAR[page]
            lines.append(
                f"| {page} | {r['per_second']:.1f} | {stock} | {r['per_second'] / stock:.1f}× | {r['errors']} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
