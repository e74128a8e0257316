"""API benchmark: the product list of the open API (/api/v1/products/) at 100,000 products.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench \
        .venv/bin/python bench/api_products.py --products 100000

What it does, in order:
 1. prepares the database as bench/catalogue.py does (created if missing, ``--fresh`` drops it
    first; migrated; the demo marketplace) and grows the catalogue to ``--products``
    synthetic OCOP products with the same builder (`grow_catalogue`);
 2. starts gunicorn (``--workers``, production settings, anonymous throttle lifted);
 3. from another process, over keep-alive HTTP on 127.0.0.1, measures p50/p95 latency of
    ``--requests`` sequential requests for each kind: the first page (50 products), filtered
    pages (province, stars, certified, sector), a page deep in the list (its cursor found by
    following ``next`` 20 times) and a revalidation (``If-None-Match``, answered 304);
    with ``--heap both`` (the default) once with workers that freeze their heap when warm
    (lib/heap.py, as production runs) and once without.

Target (issue #17): p95 under 100 ms for the product list. The results are printed as a
Markdown table and written to ``bench/api-results.json``.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from common import (  # noqa: E402
    ensure_database,
    free_port,
    in_other_process,
    log,
    manage,
    percentile,
    setup_django,
    site_env,
    start_gunicorn,
    stop,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIST = "/api/v1/products/"
KINDS = ("first page", "filtered", "deep page", "not modified")


def _bench_catalogue():
    """bench/catalogue.py (its name is also our catalogue app's, so loaded by path)."""
    spec = importlib.util.spec_from_file_location(
        "bench_catalogue", Path(__file__).parent / "catalogue.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _get(conn: http.client.HTTPConnection, url: str, headers: dict | None = None):
    conn.request("GET", url, headers={"Accept-Language": "vi", **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    return response.status, response.getheader("ETag"), body


def sample_urls(port: int, rng: random.Random) -> dict[str, list[str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    filters = [
        "?province=01", "?province=79", "?stars=4", "?stars=5", "?certified=true",
        "?certified=true&province=01", "?sector=1", "?sector=2&stars=3",
    ]  # fmt: skip
    url, deep = LIST, []
    for _ in range(20):  # follow the cursor: each `next` is a page further down
        _status, _etag, body = _get(conn, url)
        following = json.loads(body).get("next")
        if not following:
            break
        parts = urlsplit(following)
        url = f"{parts.path}?{parts.query}"
        deep.append(url)
    return {
        "first page": [LIST, f"{LIST}?page_size=50"],
        "filtered": [LIST + f for f in filters],
        "deep page": deep[-5:] or [LIST],
        "not modified": [LIST],
    }


def latency_worker(port: int, urls: list[str], requests: int, revalidate: bool, queue) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    rng = random.Random(1)
    etags = {}
    for url in urls:  # warm-up: every URL once
        etags[url] = _get(conn, url)[1]
    times, errors, expected = [], 0, 304 if revalidate else 200
    for _ in range(requests):
        url = rng.choice(urls)
        headers = {"If-None-Match": etags[url]} if revalidate and etags[url] else {}
        start = time.perf_counter()
        status, _etag, _body = _get(conn, url, headers)
        times.append((time.perf_counter() - start) * 1000)
        errors += status != expected
    queue.put({"times": times, "errors": errors})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per kind")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument(
        "--heap",
        choices=("frozen", "unfrozen", "both"),
        default="both",
        help="workers with the heap frozen once warm (lib/heap.py, the default), without, or both",
    )
    args = parser.parse_args()

    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is created if missing).")
    static_root = Path(tempfile.gettempdir()) / "ocop-bench-static"
    env = site_env(STATIC_ROOT=str(static_root), API_ANON_PER_MINUTE="1000000")

    log(f"Preparing {database.rsplit('/', 1)[-1]}")
    ensure_database(database, args.fresh)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_demo", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    setup_django(env)
    log(f"Growing the catalogue to {args.products} products")
    _bench_catalogue().grow_catalogue(args.products)
    from oscar.core.loading import get_model

    results: dict = {
        "date": datetime.date.today().isoformat(),
        "products": get_model("catalogue", "Product").objects.count(),
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "cache": "redis" if os.environ.get("REDIS_URL") else "local memory per worker",
        "requests": args.requests,
        "latency": {},
    }
    port = free_port()
    for heap in ("frozen", "unfrozen") if args.heap == "both" else (args.heap,):
        freeze = "1" if heap == "frozen" else "0"
        server = start_gunicorn({**env, "OCOP_GC_FREEZE": freeze}, port, args.workers)
        try:
            urls = sample_urls(port, random.Random(3))
            for kind in KINDS:
                log(f"Latency ({heap} heap): {kind}")
                outcome = in_other_process(
                    latency_worker, port, urls[kind], args.requests, kind == "not modified"
                )
                times = outcome.pop("times")
                results["latency"].setdefault(heap, {})[kind] = {
                    "p50_ms": round(percentile(times, 50), 1),
                    "p95_ms": round(percentile(times, 95), 1),
                    "errors": outcome["errors"],
                }
        finally:
            stop(server)

    print(f"\n{results['products']} products, {args.workers} gunicorn workers\n")
    print("| heap | request | p50 (ms) | p95 (ms) | errors |\n| --- | --- | --- | --- | --- |")
    for heap, rows in results["latency"].items():
        for kind, row in rows.items():
            print(f"| {heap} | {kind} | {row['p50_ms']} | {row['p95_ms']} | {row['errors']} |")
    (Path(__file__).parent / "api-results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
